package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** user:password in URLs; URLs without a password or with a placeholder stay. */
class UrlCredentialsTest {
  private static final UrlCredentials CREDENTIALS = new UrlCredentials();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DATABASE_URL=postgres://«app:s3cr3t-Tx9»@db01.acme.com:5432/app",
        "amqp://«guest_7:Wq8!rT2@z»@mq.internal/vhost",
        "redis://:«Xk29fLq0»@cache.local:6379/0",
        "mongodb+srv://«svc-reader:pa%40ss99»@cluster0.example.net/db?retryWrites=true",
        "ftp://«jdoe:hunter22»@files.example.com/pub and ftp://«ann:Pw0rd»@files.example.com",
        "\"url\": \"https://«bot:ghp-not-a-token-9»@git.acme.dev/org/repo.git\""
      })
  void findsUserInfoWithPasswords(String marked) {
    List<Finding> found = Marked.assertFinds(CREDENTIALS, marked, EntityType.SECRET);
    assertThat(found).extracting(Finding::score).containsOnly(1.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://jdoe@github.com/acme/repo",
        "postgres://user:password@localhost/db",
        "postgres://app:****@db01/app and mysql://app:<password>@db/app",
        "postgres://app:${DB_PASSWORD}@db/app and redis://:{{pass}}@cache/0 and amqp://u:$MQ_PASS@mq",
        "https://example.com/search?q=a:b@c",
        "http://host:8080/path and mailto:jdoe@example.com",
        "time 10:30 @channel see https://example.com",
        "postgres://app:@db/app"
      })
  void leavesUrlsWithoutRealPasswords(String text) {
    Marked.assertFinds(CREDENTIALS, text, EntityType.SECRET);
  }

  /** With every recognizer: the password is no e-mail address, and the user is not left behind. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "postgres://app:s3cret@db.example.com/app|postgres://[SECRET]@db.example.com/app",
        "postgres://jdoe:s3cret@db01.corp.local:5432/app|postgres://[SECRET]@[HOST]:5432/app",
        "mail jdoe@example.com now|mail [EMAIL] now"
      })
  void winsOverTheEmailRecognizer(String text, String expected) {
    Detector detector = Detector.standard(List.of("US"));
    assertThat(Detector.redact(text, detector.detect(text))).isEqualTo(expected);
  }
}
