package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextScrubberTest {
  private final Pseudonyms pseudonyms = new Pseudonyms(new byte[32]);
  private final IdentityDirectory directory = new IdentityResolver(pseudonyms).resolve(List.of());

  @Test
  void allowListKeepsValuesAndDenyListRedactsTerms() {
    TextScrubber s =
        new TextScrubber(
            pseudonyms,
            directory,
            new DetectionSettings(List.of("US"), Set.of("Support@Acme.example"), List.of("Project Falcon", "Initech")));
    s.startRecord();
    assertThat(s.scrubPlain("mail support@acme.example or bob@acme.example about project falcon for Initech"))
        .isEqualTo("mail support@acme.example or [EMAIL] about [REDACTED] for [REDACTED]");
    assertThat(s.counts()).containsEntry("EMAIL", 1L).containsEntry("DENIED", 2L);
  }

  @Test
  void phoneRegionsDecideWhichNationalNumbersAreFound() {
    TextScrubber us = new TextScrubber(pseudonyms, directory, DetectionSettings.defaults());
    TextScrubber gb = new TextScrubber(pseudonyms, directory, new DetectionSettings(List.of("GB"), Set.of(), List.of()));
    assertThat(us.scrubPlain("ring 020 7946 0958")).isEqualTo("ring 020 7946 0958");
    assertThat(gb.scrubPlain("ring 020 7946 0958")).isEqualTo("ring [PHONE]");
    assertThatThrownBy(() -> new TextScrubber(pseudonyms, directory, new DetectionSettings(List.of("XX"), Set.of(), List.of())))
        .hasMessageContaining("XX");
  }
}
