package dev.veil.transforms.identity;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.OptOuts;
import dev.veil.transforms.common.Pseudonyms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the identity directory: one person, one identity, across accounts and sources. Accounts that share an e-mail
 * address are one person, and so are accounts a people-list row links to explicitly; any other account without an
 * e-mail is its own person, keyed by its workspace and user id. The person's
 * pseudonym is keyed on that canonical key, so it is the same in every source and every run that uses the same key.
 */
public final class IdentityResolver {
  private final Pseudonyms pseudonyms;

  public IdentityResolver(Pseudonyms pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** Account key of an account in a given input: what records of that input refer to. */
  public static String accountKey(String source, String accountId) {
    return source + "|" + accountId;
  }

  /**
   * The canonical key a person's pseudonym derives from: the e-mail address, else the account's kind, namespace and
   * id (stable across exports of the same workspace or instance).
   */
  static String canonicalKey(Account account) {
    String email = account.getEmail();
    if (email != null && email.contains("@")) {
      return emailKey(email);
    }
    String namespace = account.getNamespace() == null ? "" : account.getNamespace();
    return account.getKind() + ":" + namespace + ":" + account.getAccountId();
  }

  /** The canonical key of a person known by this e-mail address (case and surrounding space ignored). */
  public static String emailKey(String email) {
    return "email:" + email.strip().toLowerCase(Locale.ROOT);
  }

  public IdentityDirectory resolve(List<Account> accounts) {
    return resolve(accounts, OptOuts.none());
  }

  /** Source label of the accounts the policy's opt-out list adds (see {@link #resolve(List, OptOuts)}). */
  public static final String OPT_OUT_SOURCE = "policy:opt-out";

  /**
   * The directory, with every person the policy opts out marked {@code optedOut}: a person is opted out when one of
   * their ids, handles or e-mail addresses is on the list. An opted-out e-mail address no account carries still joins
   * the directory as a person of its own (source {@value #OPT_OUT_SOURCE}), so it is found and hidden in free text.
   */
  public IdentityDirectory resolve(List<Account> given, OptOuts optOuts) {
    List<Account> accounts = new ArrayList<>(given);
    for (String listed : optOuts.people()) {
      if (listed.contains("@")) {
        accounts.add(
            Account.newBuilder()
                .setSource(OPT_OUT_SOURCE)
                .setKind("policy")
                .setAccountId(listed)
                .setEmail(listed)
                .build());
      }
    }
    // Explicit links from the people list: an account without e-mail that a person's row names is that person.
    Map<String, String> linked = new TreeMap<>();
    for (Account account : accounts) {
      for (String link : account.getLinks()) {
        linked.merge(link, canonicalKey(account), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    Map<String, List<Account>> byPerson = new TreeMap<>();
    for (Account account : accounts) {
      String key = canonicalKey(account);
      String link = linked.get(account.getKind() + ":" + account.getAccountId());
      if (link != null && !key.startsWith("email:")) {
        key = link;
      }
      byPerson.computeIfAbsent(key, k -> new ArrayList<>()).add(account);
    }
    List<Identity> identities = new ArrayList<>();
    for (Map.Entry<String, List<Account>> e : byPerson.entrySet()) {
      TreeSet<String> keys = new TreeSet<>();
      TreeSet<IdentityForm> forms = new TreeSet<>(FORM_ORDER);
      for (Account u : e.getValue()) {
        keys.add(accountKey(u.getSource(), u.getAccountId()));
        add(forms, "id", u.getAccountId());
        add(forms, "handle", u.getHandle());
        add(forms, "real_name", u.getRealName());
        add(forms, "display_name", u.getDisplayName());
        if (u.getFirstName() != null && u.getLastName() != null) {
          add(forms, "full_name", u.getFirstName() + " " + u.getLastName());
        }
        addNameParts(forms, u);
        add(forms, "email", u.getEmail());
        add(forms, "phone", u.getPhone());
        add(forms, "skype", u.getSkype());
        u.getOtherIds().forEach(id -> add(forms, "id", id));
      }
      boolean optedOut = false;
      for (IdentityForm f : forms) {
        if (LISTED_KINDS.contains(f.getKind()) && optOuts.personListed(f.getValue())) {
          optedOut = true;
        }
      }
      identities.add(
          Identity.newBuilder()
              .setPersonId(pseudonyms.person(e.getKey()))
              .setAccounts(new ArrayList<>(keys))
              .setForms(new ArrayList<>(forms))
              .setOptedOut(optedOut)
              .build());
    }
    identities.sort(Comparator.comparing(Identity::getPersonId));
    return IdentityDirectory.newBuilder()
        .setFingerprint(fingerprint(identities))
        .setIdentities(identities)
        .build();
  }

  /** The forms an opt-out list may name a person by: account ids, handles, e-mail addresses. */
  private static final java.util.Set<String> LISTED_KINDS = java.util.Set.of("id", "handle", "email");

  private static final Comparator<IdentityForm> FORM_ORDER =
      Comparator.comparing(IdentityForm::getKind).thenComparing(IdentityForm::getValue);

  /** Adds a form, and its ASCII-folded spelling when it has accents ("Šimić" is also written "Simic"). */
  private static void add(TreeSet<IdentityForm> forms, String kind, String value) {
    if (value == null) {
      return;
    }
    String v = value.strip();
    if (v.length() >= 2) {
      forms.add(IdentityForm.newBuilder().setKind(kind).setValue(v).build());
      String folded = fold(v);
      if (!folded.equals(v)) {
        forms.add(IdentityForm.newBuilder().setKind(kind).setValue(folded).build());
      }
    }
  }

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

  static String fold(String s) {
    return MARKS.matcher(java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)).replaceAll("");
  }

  /**
   * Given and family names on their own ("Dana", "Whitfield"): from the profile, else the first and last word of the
   * real name. Matched case-sensitively, as written, since many are also ordinary words in lower case.
   */
  private static void addNameParts(TreeSet<IdentityForm> forms, Account u) {
    if (u.getIsBot()) {
      return; // "Build Bot" is not a person; its words are ordinary words
    }
    String given = u.getFirstName();
    String family = u.getLastName();
    if ((given == null || family == null) && u.getRealName() != null) {
      String[] words = u.getRealName().strip().split("\\s+");
      if (words.length >= 2) {
        given = given != null ? given : words[0];
        family = family != null ? family : words[words.length - 1];
      }
    }
    for (String part : new String[] {given, family}) {
      if (part != null && !part.isBlank() && Character.isUpperCase(part.strip().codePointAt(0))) {
        add(forms, NAME_PART, part);
      }
    }
  }

  /** Form kind of a given or family name alone; the scrubber matches these case-sensitively. */
  public static final String NAME_PART = "name_part";

  private static String fingerprint(List<Identity> identities) {
    StringBuilder sb = new StringBuilder();
    for (Identity i : identities) {
      sb.append(i.getPersonId()).append(i.getOptedOut() ? " opted-out" : "").append('\n');
      i.getAccounts().forEach(a -> sb.append(a).append('\n'));
      i.getForms().forEach(f -> sb.append(f.getKind()).append('=').append(f.getValue()).append('\n'));
    }
    return Hashes.sha256Hex(sb.toString());
  }
}
