package dev.veil.transforms.deidentify.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libphonenumber's validity rules ({@code isValidNumberForRegion}, {@code isValidNumber}) over its own metadata, with
 * each region's patterns compiled once: a number is valid when it matches the region's general pattern and one of its
 * number types (premium rate, toll free, shared cost, VoIP, personal, pager, UAN, voicemail, fixed line, mobile), each
 * with its possible lengths. libphonenumber checks the same with a backtracking regex per type, each looked up in a
 * synchronized cache (about 0.8 µs per number, the costliest step of phone detection); here each region's rules are
 * compiled once into one minimal DFA (dk.brics.automaton), run once per number. {@code PhoneValidityTest} checks that
 * both agree on every region. Thread-safe.
 */
final class PhoneValidity {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final MetadataSource SOURCE =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  /** The region code libphonenumber gives non-geographical entities (+800, +808, +870, …). */
  private static final String NON_GEO = "001";
  private static final ConcurrentHashMap<String, Rules> BY_REGION = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Integer, Rules> NON_GEO_BY_CODE = new ConcurrentHashMap<>();

  private PhoneValidity() {}

  /**
   * A region's rules as one DFA: its general pattern and lengths, and one of its types' patterns, each with its own
   * lengths; plus the region's leading-digits prefix if it has one.
   */
  private record Rules(int countryCode, RunAutomaton valid, RunAutomaton leadingDigits) {
    boolean known(String nsn) {
      return valid.run(nsn);
    }
  }

  /** Valid for {@code region} with country calling code {@code cc}: {@code isValidNumberForRegion}. */
  static boolean validForRegion(int cc, String nsn, String region) {
    Rules rules = rules(cc, region);
    return rules != null && rules.countryCode() == cc && rules.known(nsn);
  }

  /** Valid for the region libphonenumber assigns the number to: {@code isValidNumber}. */
  static boolean valid(int cc, String nsn) {
    List<String> regions = UTIL.getRegionCodesForCountryCode(cc);
    if (regions.isEmpty()) {
      return false;
    }
    if (regions.size() == 1) {
      return validForRegion(cc, nsn, regions.get(0));
    }
    // Several regions share the code (+1, +44, +7, …): the first whose leading digits match the number owns it; a
    // region without leading digits owns it when the number is of one of its types.
    for (String region : regions) {
      Rules rules = rules(cc, region);
      if (rules == null) {
        continue;
      }
      if (rules.leadingDigits() != null) {
        if (rules.leadingDigits().run(nsn)) {
          return validForRegion(cc, nsn, region);
        }
      } else if (rules.known(nsn)) {
        return true;
      }
    }
    return false;
  }

  private static Rules rules(int cc, String region) {
    if (NON_GEO.equals(region)) {
      return NON_GEO_BY_CODE.computeIfAbsent(cc, c -> compile(SOURCE.getMetadataForNonGeographicalRegion(c)));
    }
    Rules rules = BY_REGION.get(region);
    if (rules == null && UTIL.getSupportedRegions().contains(region)) {
      rules = BY_REGION.computeIfAbsent(region, r -> compile(SOURCE.getMetadataForRegion(r)));
    }
    return rules;
  }

  private static Rules compile(PhoneMetadata m) {
    if (m == null) {
      return null;
    }
    // The types libphonenumber tries; the mobile pattern only counts when it differs from fixed line's.
    List<PhoneNumberDesc> types = new java.util.ArrayList<>(
        List.of(m.getPremiumRate(), m.getTollFree(), m.getSharedCost(), m.getVoip(), m.getPersonalNumber(),
            m.getPager(), m.getUan(), m.getVoicemail(), m.getFixedLine()));
    if (!m.getSameMobileAndFixedLinePattern()) {
      types.add(m.getMobile());
    }
    Automaton anyType = BasicAutomata.makeEmpty();
    for (PhoneNumberDesc d : types) {
      anyType = anyType.union(desc(d));
    }
    Automaton valid = desc(m.getGeneralDesc()).intersection(anyType);
    valid.minimize();
    RunAutomaton leading =
        m.hasLeadingDigits()
            ? new RunAutomaton(pattern(m.getLeadingDigits()).concatenate(BasicAutomata.makeAnyString()))
            : null;
    return new Rules(m.getCountryCode(), new RunAutomaton(valid), leading);
  }

  /**
   * What {@code isNumberMatchingDesc} accepts: the whole number matches the pattern and has one of the possible lengths
   * (any length when there is no list; none when the desc has no pattern).
   */
  private static Automaton desc(PhoneNumberDesc d) {
    if (d == null || d.getNationalNumberPattern().isEmpty()) {
      return BasicAutomata.makeEmpty();
    }
    Automaton a = pattern(d.getNationalNumberPattern());
    if (d.getPossibleLengthCount() > 0) {
      Automaton lengths = BasicAutomata.makeEmpty();
      for (int n : d.getPossibleLengthList()) {
        if (n > 0) {
          lengths = lengths.union(BasicAutomata.makeCharRange('0', '9').repeat(n, n));
        }
      }
      a = a.intersection(lengths);
    }
    return a;
  }

  /**
   * A metadata pattern as an automaton. The patterns use digits, classes, {@code \d}, non-capturing groups,
   * alternation, {@code ?} and counted repeats only; groups are plain groups to the automaton. A pattern using
   * anything else is refused rather than read wrong.
   */
  private static Automaton pattern(String regex) {
    String plain = regex.replace("(?:", "(").replace("\\d", "[0-9]");
    for (int i = 0; i < plain.length(); i++) {
      if ("0123456789[]-|(){},?".indexOf(plain.charAt(i)) < 0) {
        throw new IllegalStateException("unsupported phone metadata pattern: " + regex);
      }
    }
    return new RegExp(plain, RegExp.NONE).toAutomaton();
  }
}
