package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every recognizer: true positives, near misses and the false-positive traps peers are known for. */
class DetectorTest {
  private static final Detector DETECTOR = Detector.standard(List.of("US"));

  private static String redact(String text) {
    return Detector.redact(text, DETECTOR.detect(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // e-mail
        "mail ann.o'neil+ops@corp.example.co.uk now|mail ann.o'[EMAIL] now",
        "mail bob@example.test.|mail [EMAIL].",
        "not an address: user@localhost|not an address: user@localhost",
        "handle @channel and foo@bar|handle @channel and foo@bar",
        // phone
        "call (415) 555-2671 today|call [PHONE] today",
        "call +44 20 7946 0958|call [PHONE]",
        "call +48 600 100 200|call [PHONE]",
        "released 2023-11-14 at 10:00|released 2023-11-14 at 10:00",
        "order 1700000000000 shipped|order 1700000000000 shipped",
        "version 1.2.3 and build 4521|version 1.2.3 and build 4521",
        // card
        "card 4111 1111 1111 1111 ok|card [CARD] ok",
        "card 5500-0000-0000-0004 ok|card [CARD] ok",
        "amex 378282246310005|amex [CARD]",
        "order 4111 1111 1111 1112 fails Luhn|order 4111 1111 1111 1112 fails Luhn",
        "tracking 1234567890123456|tracking 1234567890123456",
        // IBAN
        "pay to DE89 3704 0044 0532 0130 00 please|pay to [IBAN] please",
        "pay to GB82WEST12345698765432|pay to [IBAN]",
        "bad check GB82WEST12345698765433|bad check GB82WEST12345698765433",
        // IP
        "host 10.0.12.7 is down|host [IP] is down",
        "ipv6 2001:db8::8a2e:370:7334 up|ipv6 [IP] up",
        "upgrade to v1.2.3.4 now|upgrade to v1.2.3.4 now",
        "version 10.0.0.1 shipped|version 10.0.0.1 shipped",
        "999.1.1.1 is not an address|999.1.1.1 is not an address",
        "meet at 10:30:00 today|meet at 10:30:00 today",
        // versions, OIDs, loopback and link-local: found by what surrounds them
        "bumped guava to 5.9.5.8|bumped guava to 5.9.5.8",
        "Upgraded the agent from 4.4.7.12 to v6 on all nodes|Upgraded the agent from 4.4.7.12 to v6 on all nodes",
        "Fix version: 8.9.3.1|Fix version: 8.9.3.1",
        "protobuf-java 8.8.4.12 in the logs|protobuf-java 8.8.4.12 in the logs",
        "blocked 10.1.2.3 at the WAF|blocked [IP] at the WAF",
        "listening on 0.0.0.0:9092 and 127.0.0.1:2181|listening on 0.0.0.0:9092 and 127.0.0.1:2181",
        "connection from fe80::c853:cecf:cedf:5e3a refused|connection from [IP] refused",
        "OID 1.3.6.1.4.1.3163.1 is the vendor MIB|OID 1.3.6.1.4.1.3163.1 is the vendor MIB",
        "Chrome 124.0.6803.163 breaks the picker|Chrome 124.0.6803.163 breaks the picker",
        // cards: issuer lengths, not inside a +CC number, an IBAN or a UUID
        "her mobile is +49 15516 885964|her mobile is [PHONE]",
        "NIR 246096222013056 on file|NIR [NATIONAL_ID] on file",
        // ids whose digits end in 2 before their letter (read like Corsica's 2A in a NIR)
        "please remove NIE: Y2496202A from the ticket|please remove NIE: [NATIONAL_ID] from the ticket",
        "identity with NI number OB552532A today|identity with NI number [NATIONAL_ID] today",
        "job 518480b4-a9d3-4282-9691-21650caf0187 retried|job 518480b4-a9d3-4282-9691-21650caf0187 retried",
        // phones: not SSN-shaped, unformatted digits only with a phone word
        "tracking number 1761292519, delivered|tracking number 1761292519, delivered",
        "Invoice 1440095723 shows wrong VAT|Invoice 1440095723 shows wrong VAT",
        "call me on 4155552671 today|call me on [PHONE] today",
        "HR form has 707-72-7396 in it|HR form has [SSN] in it",
        // URL queries and fragments go, scheme, host and path stay
        "see https://files.example.test/a/b.png?t=xoxe-123&u=ann@x.test now|see https://files.example.test/a/b.png now",
        "reset at HTTPS://id.example.test/reset#token=abc123 today|reset at HTTPS://id.example.test/reset today",
        "plain https://example.test/docs stays|plain https://example.test/docs stays",
        "ftp://example.test/file?x=1 is not http|ftp://example.test/file?x=1 is not http",
        // US SSN
        "ssn 123-45-6789 on file|ssn [SSN] on file",
        "SSN 870 36 2865 is attached|SSN [SSN] is attached",
        "never issued 666-12-3456 or 000-12-3456|never issued 666-12-3456 or 000-12-3456",
        // secrets
        "key AKIAIOSFODNN7EXAMPLE leaked|key [SECRET] leaked",
        "token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB|token [SECRET]",
        "slack xoxb-1111111111-2222222222-abcdefgh|slack [SECRET]",
        "google AIzaSyA1234567890abcdefghijklmnopqrstuv|google [SECRET]",
        "staging db password=Winter2024!x9 until Friday|staging db password=[SECRET] until Friday",
        "pwd: hunter2x please|pwd: [SECRET] please",
        "AWS_SECRET_ACCESS_KEY=RwVzsAC3qr/ZrVh49gdvqR7imMj6SyzRChSlOkip in chat|AWS_SECRET_ACCESS_KEY=[SECRET] in chat",
        "ERROR DB_PASSWORD=letmein9249|ERROR DB_PASSWORD=[SECRET]",
        "my password is hunter2 sorry|my password is [SECRET] sorry",
        "the token is expired, please log in|the token is expired, please log in",
        "the password is incorrect|the password is incorrect",
        "The key change landed in 6be9e3c5bc9debbbe88fa3220e3bdf76d12dee04|The key change landed in 6be9e3c5bc9debbbe88fa3220e3bdf76d12dee04",
        // ages: people's, not things'
        "the customer (aged 31) called|the customer (aged [AGE]) called",
        "she is 34 years old|she is [AGE] years old",
        "the laptop is 4 years old|the laptop is 4 years old",
        // logins
        "logged in as amoradi2 on the jump box|logged in as [USERNAME] on the jump box",
        "logged in as Admin today|logged in as Admin today",
        "\"api_key\": \"9f8e7d6c5b4a39281726\"|\"api_key\": \"[SECRET]\"",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|jwt [SECRET]",
        "the password is on the wiki|the password is on the wiki",
        "the token bucket algorithm|the token bucket algorithm",
        // national ids, hosts, user names, dates of birth, URL credentials
        "BSN 314159265 en DNI 48213675V|BSN [NATIONAL_ID] en DNI [NATIONAL_ID]",
        "SIN 527 384 614, NI number JK 48 21 93 C|SIN [NATIONAL_ID], NI number [NATIONAL_ID]",
        "order 314159265 shipped 2024-03-05|order 314159265 shipped 2024-03-05",
        "DOB: 1987-03-05, hired 2019-06-01|DOB: [DOB], hired 2019-06-01",
        "jdoe@buildbox:~$ cat /home/jdoe/.ssh/config|[USERNAME]@[HOST]:~$ cat /home/[USERNAME]/.ssh/config",
        "C:\\Users\\jdoe\\Desktop on DESKTOP-7HG2K1L|C:\\Users\\[USERNAME]\\Desktop on [HOST]",
        "ping web01.corp.local, not github.com or report.pdf|ping [HOST], not github.com or report.pdf",
        "mail jdoe@corp.example.local|mail [EMAIL]",
        "redis://:Xk29fLq0@cache.local:6379|redis://:[SECRET]@[HOST]:6379",
        "import org.apache.beam.sdk.Pipeline; // v10.2.3.4-build|import org.apache.beam.sdk.Pipeline; // v10.2.3.4-build"
      })
  void findsIdentifiersAndLeavesLookAlikes(String text, String expected) {
    assertThat(redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\nMIIE"})
  void pemPrivateKeysAreSecretsEvenWhenCut(String pem) {
    assertThat(redact("here: " + pem)).isEqualTo("here: [SECRET]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"4111111111111111|true", "4111111111111112|false", "79927398713|true"})
  void luhn(String digits, boolean valid) {
    assertThat(PatternRecognizers.Card.luhn(digits)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"'mail a@b.test or a@b.test'"})
  void overlappingFindingsResolveToOneSpanEach(String text) {
    List<Finding> f = DETECTOR.detect(text);
    assertThat(f).hasSize(2).extracting(Finding::type).containsOnly(EntityType.EMAIL);
    assertThat(f.get(0).end()).isLessThanOrEqualTo(f.get(1).start());
  }
}
