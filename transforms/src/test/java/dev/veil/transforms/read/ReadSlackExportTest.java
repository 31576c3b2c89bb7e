package dev.veil.transforms.read;

import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.QuarantineEntry;
import dev.veil.schemas.Account;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Reasons;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class ReadSlackExportTest {
  private static final String SOURCE = "slack:export";

  @Test
  void readsMessagesUsersAndQuarantinesEachUnreadableUnitWithItsReason() {
    Pipeline p = TestPipelines.direct();
    PCollectionTuple read =
        p.apply(
            ReadSlackExport.from(
                SOURCE, TestPipelines.testData("ReadSlackExportTest/export").toString()));

    PAssert.that(
            read.get(ReadSlackExport.MESSAGES)
                .apply(
                    "Texts",
                    MapElements.into(TypeDescriptors.strings())
                        .via((ChatMessage m) -> m.getPointer().getFile() + "#" + m.getPointer().getIndex())))
        .containsInAnyOrder(
            "general/2024-01-02.json#0",
            "general/2024-01-02.json#1",
            "general/2024-01-02.json#2",
            "general/2024-01-03.json#0");
    PAssert.that(
            read.get(ReadSlackExport.USERS)
                .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(Account::getAccountId)))
        .containsInAnyOrder("U0000ALICE", "U0000BORIS");
    PAssert.that(read.get(ReadSlackExport.QUARANTINE))
        .containsInAnyOrder(
            q("general/2024-01-02.json", 3, Reasons.BAD_TIMESTAMP),
            q("general/2024-01-02.json", 4, Reasons.INVALID_RECORD),
            q("general/2024-01-03.json", 1, Reasons.INVALID_JSON),
            q("random/2024-01-04.json", -1, Reasons.NOT_UTF8),
            q("random/notes.txt", -1, Reasons.UNEXPECTED_FILE),
            q("users.json", 2, Reasons.INVALID_RECORD));
    p.run().waitUntilFinish();
  }

  @Test
  void anInputThatDoesNotExistIsOneQuarantinedUnit() {
    Pipeline p = TestPipelines.direct();
    PCollectionTuple read = p.apply(ReadSlackExport.from(SOURCE, "/nonexistent/export.zip"));
    PAssert.that(read.get(ReadSlackExport.QUARANTINE)).containsInAnyOrder(q("", -1, Reasons.UNREADABLE_INPUT));
    PAssert.that(read.get(ReadSlackExport.MESSAGES)).empty();
    p.run().waitUntilFinish();
  }

  private static QuarantineEntry q(String file, long index, String reason) {
    return QuarantineEntry.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource(SOURCE).setFile(file).setIndex(index).build())
        .setStage(ReadSlackExport.STAGE)
        .setReason(reason)
        .build();
  }
}
