package dev.veil.transforms.identity;

import dev.veil.schemas.Account;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an HR / employee list (CSV with a header) into accounts for the identity directory. Column names are matched
 * case-insensitively: {@code email} (required), and any of {@code name}, {@code first_name}, {@code last_name},
 * {@code display_name}, {@code employee_id}, {@code phone}, {@code handle} / {@code username}, and {@code accounts}:
 * explicit links to accounts that carry no e-mail ({@code kind:id} separated by {@code ;}, e.g.
 * {@code jira:557058:ab12;slack:U0123}). People merge with their accounts in other sources by e-mail and by these
 * links, so their phone numbers, ids and names are scrubbed everywhere.
 */
public final class PeopleCsv {
  private PeopleCsv() {}

  /** Thrown for a list that cannot be used; the message names the problem, never a person. */
  public static final class InvalidPeopleCsv extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidPeopleCsv(String message) {
      super(message);
    }
  }

  public static List<Account> read(String source, String csv) throws InvalidPeopleCsv {
    List<Account> accounts = new ArrayList<>();
    try (CSVParser parser =
        CSVParser.parse(
            new StringReader(csv),
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                .setTrim(true).build())) {
      Map<String, Integer> header = parser.getHeaderMap();
      if (header.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("email"))) {
        throw new InvalidPeopleCsv("the people list has no 'email' column");
      }
      for (CSVRecord r : parser) {
        String email = get(r, "email");
        if (email == null || !email.contains("@")) {
          continue;
        }
        String employeeId = get(r, "employee_id");
        String handle = get(r, "handle") != null ? get(r, "handle") : get(r, "username");
        accounts.add(
            Account.newBuilder()
                .setSource(source)
                .setKind("hr")
                .setAccountId(email.toLowerCase(Locale.ROOT))
                .setEmail(email)
                .setRealName(get(r, "name"))
                .setFirstName(get(r, "first_name"))
                .setLastName(get(r, "last_name"))
                .setDisplayName(get(r, "display_name"))
                .setHandle(handle)
                .setPhone(get(r, "phone"))
                .setOtherIds(employeeId == null ? List.of() : List.of(employeeId))
                .setLinks(links(get(r, "accounts")))
                .build());
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidPeopleCsv("the people list is not a readable CSV (" + e.getClass().getSimpleName() + ")");
    }
    return accounts;
  }

  /** "jira:557058:ab12; slack:U0123" → [jira:557058:ab12, slack:U0123]. */
  private static List<String> links(String cell) {
    List<String> links = new ArrayList<>();
    if (cell != null) {
      for (String part : cell.split("[;\\s]+")) {
        if (part.indexOf(':') > 0) {
          links.add(part.strip());
        }
      }
    }
    return links;
  }

  private static String get(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
