package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates of birth: a date next to a context word; every other date stays. */
class DatesOfBirthTest {
  private static final DatesOfBirth DOB = new DatesOfBirth();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DOB: «1987-03-05»",
        "D.O.B. «05/03/1987», blood type A",
        "date of birth «03.05.1987»",
        "Date of Birth: «3 March 1987»",
        "born on «March 3, 1987» in Lyon",
        "she was born in Lyon on «3rd of March 1987»",
        "birthday «Mar 3rd 1987»",
        "birthdate=«1987/03/05»",
        "geboren am «5. März 1987» in Köln",
        "Geburtsdatum: «05.03.1987»",
        "née le «5 mars 1987» à Lyon",
        "fecha de nacimiento: «5 de marzo de 1987»",
        "«1987-03-05» (DOB)",
        "leap day: born «29 February 1988»",
        "DOB «12/31/1987» (US order)",
        "dob «1987-03-05», spouse dob «1989-11-30»"
      })
  void findsDatesNextToContextWords(String marked) {
    List<Finding> found = Marked.assertFinds(DOB, marked, EntityType.DATE_OF_BIRTH);
    assertThat(found).extracting(Finding::score).containsOnly(1.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // out of range or impossible
        "DOB 1987-13-05",
        "DOB 31/02/1987",
        "born 32 March 1987",
        "born 29 February 1987",
        "date of birth 31.04.1987",
        "born 1850-01-01",
        "DOB 2150-01-01",
        // not a full date
        "born in 1987",
        "born in March 1987",
        "DOB 05/03/87",
        // timestamps, even next to a context word
        "birthday reminder job ran at 2024-03-05T10:00:00Z",
        "birthday cron 2024-03-05 10:00 ok",
        // dates without a context word
        "meeting on 2024-03-05 at 10:00",
        "released 3 March 2024 with notes",
        "2024-03-05 12:01:07 INFO started",
        "due 05/03/2024, invoice 4521",
        // context word too far, or on another line
        "born to run, as the song goes, and the tour started on 1987-03-05",
        "DOB:\n1987-03-05",
        // words that only contain a context word
        "stubborn build since 2024-03-05",
        "reborn 2024-03-05",
        // version strings and order numbers
        "born-again release 10.2.3.4-build",
        "DOB order 1987030512"
      })
  void leavesOtherDates(String text) {
    Marked.assertFinds(DOB, text, EntityType.DATE_OF_BIRTH);
  }
}
