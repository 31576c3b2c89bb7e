package dev.veil.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.veil.schemas.Account;
import dev.veil.transforms.deidentify.detect.EntityType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluation set is deterministic, its gold spans are where and what was planted, and its structured values are
 * valid by their own rules (checked here with validators written apart from the generator's), while the look-alikes
 * left unlabelled are not.
 */
class EvalSetTest {
  static EvalSet set;

  @BeforeAll
  static void generate() {
    set = EvalSet.generate(11, EvalSet.DEFAULT_DOCS);
  }

  @Test
  void theSameSeedGivesTheSameSetAndAnotherSeedAnother() {
    EvalSet again = EvalSet.generate(11, 300);
    EvalSet other = EvalSet.generate(12, 300);
    assertThat(again.docs()).isEqualTo(set.docs().subList(0, 300));
    assertThat(EvalSet.generate(11, 300).docs()).isEqualTo(again.docs());
    assertThat(other.docs()).isNotEqualTo(again.docs());
    assertThat(other.docs().get(0).text()).isNotEqualTo(again.docs().get(0).text());
    assertThat(EvalSet.generate(11, 5).directory()).isEqualTo(set.directory());
  }

  @Test
  void spansAreSortedDisjointAndTrimmed() {
    for (LabelledDoc d : set.docs()) {
      int last = 0;
      for (GoldSpan s : d.spans()) {
        assertThat(s.start()).as("%s: span %s starts before the previous one ends", d.id(), s).isGreaterThanOrEqualTo(last);
        assertThat(s.end()).isLessThanOrEqualTo(d.text().length());
        String value = d.text().substring(s.start(), s.end());
        assertThat(value).as("%s %s", d.id(), s).isEqualTo(value.strip()).isNotEmpty();
        last = s.end();
      }
    }
    assertThat(set.docs()).extracting(LabelledDoc::genre).containsOnly("chat", "ticket", "mail");
    assertThat(set.docs().stream().map(LabelledDoc::id).distinct().count()).isEqualTo(set.docs().size());
  }

  @Test
  void everyEntityTypeIsPlantedAndStructuredTypesAtLeast300Times() {
    Map<EntityType, Long> counts = new EnumMap<>(EntityType.class);
    set.docs().forEach(d -> d.spans().forEach(s -> counts.merge(s.type(), 1L, Long::sum)));
    assertThat(counts.keySet()).containsExactlyInAnyOrder(EntityType.values());
    for (EntityType t : EntityType.values()) {
      long min = t == EntityType.URL_QUERY || t == EntityType.DENIED ? 150 : 300;
      assertThat(counts.get(t)).as("gold spans of %s", t).isGreaterThanOrEqualTo(min);
    }
  }

  /** Each kind of value is checked by its own rules; a kind nobody checks fails the test. */
  @Test
  void structuredValuesAreValid() {
    TreeSet<String> unchecked = new TreeSet<>();
    int checked = 0;
    for (LabelledDoc d : set.docs()) {
      for (GoldSpan s : d.spans()) {
        String v = d.text().substring(s.start(), s.end());
        String digits = v.replaceAll("[^0-9]", "");
        String why = s.type() + "/" + s.kind() + " " + v;
        switch (s.type()) {
          case CARD -> {
            assertThat(v).as(why).matches("[0-9 \\-]+");
            assertThat(digits.length()).as(why).isBetween(13, 19);
            assertThat(luhn(digits)).as(why).isTrue();
          }
          case IBAN -> {
            String compact = v.replace(" ", "");
            assertThat(compact.length()).as(why).isEqualTo(IBAN_LENGTH.get(compact.substring(0, 2)));
            assertThat(mod97(compact)).as(why).isEqualTo(1);
          }
          case PHONE -> assertThat(validPhone(v)).as(why).isTrue();
          case US_SSN -> {
            assertThat(v).as(why).matches("\\d{3}[- ]\\d{2}[- ]\\d{4}");
            int area = Integer.parseInt(digits.substring(0, 3));
            assertThat(area).as(why).isNotIn(0, 666).isLessThan(900);
            assertThat(digits.substring(3, 5)).as(why).isNotEqualTo("00");
            assertThat(digits.substring(5)).as(why).isNotEqualTo("0000");
          }
          case NATIONAL_ID -> assertThat(validNationalId(s.kind(), v)).as(why).isTrue();
          case SECRET -> {
            if (!validSecret(s.kind(), v)) {
              unchecked.add(s.kind());
            }
          }
          case IP_ADDRESS -> assertThat(validIp(v)).as(why).isTrue();
          case PERSON -> {
            if (s.kind().startsWith("directory_phone")) {
              assertThat(validPhone(v)).as(why).isTrue();
            }
          }
          default -> {
            continue;
          }
        }
        checked++;
      }
    }
    assertThat(unchecked).as("secret kinds without a shape check").isEmpty();
    assertThat(checked).isGreaterThan(4000);
  }

  /** The look-alikes the set leaves unlabelled fail the rules their labelled cousins pass. */
  @Test
  void ibanAndSsnShapedTextOutsideTheGoldIsInvalid() {
    Pattern ibanShape = Pattern.compile("\\b([A-Z]{2})\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
    Pattern ssnShape = Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-])");
    int ibanTraps = 0;
    int ssnTraps = 0;
    for (LabelledDoc d : set.docs()) {
      Matcher m = ibanShape.matcher(d.text());
      while (m.find()) {
        String compact = m.group().replace(" ", "");
        if (!inGold(d, m.start(), m.end()) && IBAN_LENGTH.get(m.group(1)) != null
            && IBAN_LENGTH.get(m.group(1)) == compact.length()) {
          assertThat(mod97(compact)).as("%s: unlabelled %s", d.id(), m.group()).isNotEqualTo(1);
          ibanTraps++;
        }
      }
      m = ssnShape.matcher(d.text());
      while (m.find()) {
        if (!inGold(d, m.start(), m.end())) {
          int area = Integer.parseInt(m.group(1));
          boolean invalid = area == 0 || area == 666 || area >= 900 || m.group(2).equals("00") || m.group(3).equals("0000");
          assertThat(invalid).as("%s: unlabelled %s", d.id(), m.group()).isTrue();
          ssnTraps++;
        }
      }
    }
    assertThat(ibanTraps).isGreaterThan(20);
    assertThat(ssnTraps).isGreaterThan(20);
  }

  /** A directory form or an outside name anywhere outside a PERSON span would be a person nobody labelled. */
  @Test
  void peopleAppearOnlyInsidePersonSpans() throws Exception {
    List<String> caseInsensitive = new ArrayList<>();
    List<String> asWritten = new ArrayList<>();
    for (Account a : set.directory()) {
      caseInsensitive.addAll(List.of(a.getRealName(), a.getEmail(), a.getHandle()));
      asWritten.addAll(List.of(a.getFirstName(), a.getLastName()));
    }
    for (String resource : List.of("given_names.txt", "surnames.txt")) {
      try (var in = EvalSet.class.getResourceAsStream(resource)) {
        for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n")) {
          asWritten.add(name.strip());
        }
      }
    }
    List<Pattern> forms = List.of(words(caseInsensitive, true), words(asWritten, false));
    int occurrences = 0;
    for (LabelledDoc d : set.docs()) {
      for (Pattern p : forms) {
        Matcher m = p.matcher(d.text());
        while (m.find()) {
          int start = m.start();
          int end = m.end();
          boolean inPerson =
              d.spans().stream().anyMatch(s -> s.start() <= start && end <= s.end() && s.type() == EntityType.PERSON);
          assertThat(inPerson).as("%s: '%s' at %d outside a PERSON span", d.id(), m.group(), start).isTrue();
          occurrences++;
        }
      }
    }
    assertThat(occurrences).isGreaterThan(3000);
  }

  @Test
  void writesTheSetAsJsonLines(@TempDir Path dir) throws Exception {
    EvalSet small = EvalSet.generate(3, 25);
    small.write(dir);
    List<String> lines = Files.readAllLines(dir.resolve("eval-set.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(25);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = mapper.readTree(lines.get(i));
      LabelledDoc d = small.docs().get(i);
      assertThat(n.path("id").asText()).isEqualTo(d.id());
      assertThat(n.path("text").asText()).isEqualTo(d.text());
      assertThat(n.path("spans")).hasSize(d.spans().size());
      for (JsonNode s : n.path("spans")) {
        assertThat(s.path("value").asText())
            .isEqualTo(d.text().substring(s.path("start").asInt(), s.path("end").asInt()));
      }
    }
    assertThat(Files.readAllLines(dir.resolve("directory.jsonl"))).hasSize(30);
    assertThat(mapper.readTree(dir.resolve("settings.json").toFile()).path("deny")).hasSize(EvalSet.DENY.size());
  }

  // ------------------------------------------------------------------------------------------------ validators

  /** The validators themselves, on published examples. */
  @ParameterizedTest
  @CsvSource({
    "card, 4111111111111111", "card, 378282246310005", "iban, GB82WEST12345698765432", "iban, DE89370400440532013000",
    "nl_bsn, 111222333", "fr_nir, 255081416802538", "es_dni, 12345678Z", "es_nie, X1234567L", "in_aadhaar, 234123412346",
    "ca_sin, 046454286"
  })
  void validatorsAcceptPublishedExamples(String kind, String value) {
    boolean ok = switch (kind) {
      case "card" -> luhn(value);
      case "iban" -> mod97(value) == 1;
      default -> validNationalId(kind, value);
    };
    assertThat(ok).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"card, 4111111111111112", "iban, GB83WEST12345698765432", "nl_bsn, 111222334", "es_dni, 12345678A",
      "in_aadhaar, 234123412345", "fr_nir, 255081416802539"})
  void validatorsRejectNearMisses(String kind, String value) {
    boolean ok = switch (kind) {
      case "card" -> luhn(value);
      case "iban" -> mod97(value) == 1;
      default -> validNationalId(kind, value);
    };
    assertThat(ok).isFalse();
  }

  static final Map<String, Integer> IBAN_LENGTH =
      Map.ofEntries(Map.entry("DE", 22), Map.entry("GB", 22), Map.entry("FR", 27), Map.entry("NL", 18),
          Map.entry("ES", 24), Map.entry("IT", 27), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("AT", 20),
          Map.entry("PL", 28), Map.entry("IE", 22), Map.entry("SE", 24), Map.entry("NO", 15), Map.entry("PT", 25));

  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int n = digits.charAt(i) - '0';
      sum += dbl ? (n * 2) / 10 + (n * 2) % 10 : n;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  static int mod97(String iban) {
    String moved = iban.substring(4) + iban.substring(0, 4);
    StringBuilder sb = new StringBuilder();
    moved.chars().forEach(c -> sb.append(Character.getNumericValue(c)));
    return new BigInteger(sb.toString()).mod(BigInteger.valueOf(97)).intValue();
  }

  static boolean validPhone(String v) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    String s = v.startsWith("00") ? "+" + v.substring(2) : v;
    for (String region : List.of("US", "GB", "DE", "CA")) {
      try {
        if (util.isValidNumber(util.parse(s, region))) {
          return true;
        }
      } catch (NumberParseException e) {
        // try the next region
      }
    }
    return false;
  }

  static boolean validIp(String v) {
    if (v.contains(":")) {
      return v.matches("[0-9a-f:]+") && v.contains("::");
    }
    String[] parts = v.split("\\.");
    return parts.length == 4
        && java.util.Arrays.stream(parts).allMatch(p -> p.matches("0|[1-9]\\d{0,2}") && Integer.parseInt(p) <= 255);
  }

  static boolean validNationalId(String kind, String v) {
    String d = v.replaceAll("[^0-9A-Z]", "");
    return switch (kind) {
      case "uk_nino" -> d.matches("(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]");
      case "nl_bsn" -> {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
          sum += (9 - i) * (d.charAt(i) - '0');
        }
        yield d.length() == 9 && (sum - (d.charAt(8) - '0')) % 11 == 0;
      }
      case "fr_nir" -> d.length() == 15
          && 97 - new BigInteger(d.substring(0, 13)).mod(BigInteger.valueOf(97)).intValue() == Integer.parseInt(d.substring(13));
      case "es_dni" -> d.matches("\\d{8}[A-Z]") && "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(d.substring(0, 8)) % 23) == d.charAt(8);
      case "es_nie" -> d.matches("[XYZ]\\d{7}[A-Z]")
          && "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt("XYZ".indexOf(d.charAt(0)) + d.substring(1, 8)) % 23) == d.charAt(8);
      case "ca_sin" -> d.matches("[0-79]\\d{8}") && luhn(d);
      case "in_aadhaar" -> d.matches("[2-9]\\d{11}") && verhoeff(d);
      default -> false;
    };
  }

  private static final int[][] D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };
  private static final int[] P1 = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};

  /** Verhoeff, with the permutation table computed as powers of its first row. */
  static boolean verhoeff(String digits) {
    int c = 0;
    for (int i = 0; i < digits.length(); i++) {
      int n = digits.charAt(digits.length() - 1 - i) - '0';
      for (int k = 0; k < i % 8; k++) {
        n = P1[n];
      }
      c = D[c][n];
    }
    return c == 0;
  }

  static boolean validSecret(String kind, String v) {
    return switch (kind) {
      case "aws_access_key" -> v.matches("(AKIA|ASIA)[A-Z2-7]{16}");
      case "aws_secret_key" -> v.matches("[A-Za-z0-9/+]{40}");
      case "github_token" -> v.matches("gh[pos]_[A-Za-z0-9]{36}");
      case "github_pat" -> v.matches("github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}");
      case "slack_token" -> v.matches("xox[bp]-\\d{11}-\\d{13}-[A-Za-z0-9]{24}");
      case "google_api_key" -> v.matches("AIza[A-Za-z0-9_\\-]{35}");
      case "stripe_key" -> v.matches("[sr]k_live_[A-Za-z0-9]{24,}");
      case "jwt" -> {
        String[] parts = v.split("\\.");
        yield parts.length == 3
            && new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).startsWith("{\"alg\"")
            && new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).startsWith("{\"sub\"");
      }
      case "pem_private_key" -> v.matches("(?s)-----BEGIN ([A-Z ]*PRIVATE KEY)-----\n.*\n-----END \\1-----");
      case "password", "password_env", "url_password" -> v.length() >= 6 && !v.contains(" ");
      case "opaque_token", "bearer_token" -> v.matches("[A-Za-z0-9]{24,48}") && v.matches(".*\\d.*");
      default -> false;
    };
  }

  private static boolean inGold(LabelledDoc d, int start, int end) {
    return d.spans().stream().anyMatch(s -> s.overlaps(start, end));
  }

  /** Whole words or phrases, longest first; case-insensitive for the forms the directory matches that way. */
  private static Pattern words(List<String> phrases, boolean ignoreCase) {
    String alternatives =
        phrases.stream()
            .distinct()
            .sorted(java.util.Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining("|"));
    String regex = "(?<![\\p{L}\\p{N}_.@-])(?:" + alternatives + ")(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])";
    return ignoreCase ? Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) : Pattern.compile(regex);
  }

  @Test
  void theDirectoryHasThirtyEmployeesSomeWithAccents() {
    assertThat(set.directory()).extracting(Account::getRealName).contains("Zuzanna Jabłońska", "Clémentine Fairclough");
    assertThat(set.directory().stream().map(a -> a.getEmail().toLowerCase(Locale.ROOT)).distinct().count()).isEqualTo(30);
  }
}
