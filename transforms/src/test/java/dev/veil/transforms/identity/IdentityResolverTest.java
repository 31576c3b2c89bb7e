package dev.veil.transforms.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Identity;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.IdentityForm;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.Pseudonyms;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
  private static Account user(String source, String id, String email) {
    return Account.newBuilder()
        .setSource(source)
        .setKind("slack")
        .setAccountId(id)
        .setNamespace("T1")
        .setHandle("h" + id)
        .setRealName("Real " + id)
        .setEmail(email)
        .build();
  }

  @Test
  void accountsSharingAnEmailAreOnePerson() {
    IdentityDirectory d =
        new IdentityResolver(new Pseudonyms(new byte[32]))
            .resolve(
                List.of(
                    user("slack:a", "U1", "Ann@Example.test"),
                    user("slack:b", "U9", "ann@example.test "),
                    user("slack:a", "U2", null)));
    assertThat(d.getIdentities()).hasSize(2);
    Identity ann =
        d.getIdentities().stream().filter(i -> i.getAccounts().size() == 2).findFirst().orElseThrow();
    assertThat(ann.getAccounts()).containsExactly("slack:a|U1", "slack:b|U9");
    assertThat(ann.getForms()).extracting(IdentityForm::getValue).contains("U1", "U9", "hU1", "Real U9");
  }

  @Test
  void pseudonymsDependOnTheKeyAndAreStable() {
    List<Account> users = List.of(user("slack:a", "U1", "ann@example.test"), user("slack:a", "U2", null));
    IdentityDirectory first = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(users);
    IdentityDirectory again = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(users);
    byte[] other = new byte[32];
    Arrays.fill(other, (byte) 7);
    IdentityDirectory otherKey = new IdentityResolver(new Pseudonyms(other)).resolve(users);
    assertThat(again).isEqualTo(first);
    assertThat(first.getIdentities()).extracting(Identity::getPersonId).allMatch(p -> p.matches("person_[0-9a-f]{12}"));
    assertThat(otherKey.getIdentities())
        .extracting(Identity::getPersonId)
        .doesNotContainAnyElementsOf(first.getIdentities().stream().map(Identity::getPersonId).toList());
  }

  @Test
  void aPeopleListLinksAccountsThatHaveNoEmail() throws Exception {
    List<Account> hr =
        PeopleCsv.read(
            "people:list",
            "email,name,employee_id,accounts\nann@example.test,Ann Example,E42,jira:557058:ab12;slack:U7\n");
    Account jiraCloud =
        Account.newBuilder().setSource("jira:x").setKind("jira").setAccountId("557058:ab12").build();
    Account slack = user("slack:a", "U7", null);
    IdentityDirectory d = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(
        List.of(hr.get(0), jiraCloud, slack));
    assertThat(d.getIdentities()).hasSize(1);
    assertThat(d.getIdentities().get(0).getAccounts())
        .containsExactly("jira:x|557058:ab12", "people:list|ann@example.test", "slack:a|U7");
    assertThat(d.getIdentities().get(0).getForms()).extracting(IdentityForm::getValue).contains("E42", "Ann Example");
    assertThat(d.getIdentities().get(0).getPersonId()).isEqualTo(new Pseudonyms(new byte[32]).person("email:ann@example.test"));
  }

  @Test
  void botsContributeNoNameParts() {
    Account bot = Account.newBuilder(user("slack:a", "U3", null)).setRealName("Build Bot").setIsBot(true).build();
    IdentityDirectory d = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(List.of(bot));
    assertThat(d.getIdentities().get(0).getForms())
        .extracting(IdentityForm::getKind)
        .doesNotContain(IdentityResolver.NAME_PART);
  }

  @Test
  void theOptOutListMarksThePersonOfEveryAccountItNames() {
    List<Account> accounts =
        List.of(user("slack:a", "U1", "ann@example.test"), user("slack:b", "U9", "ann@example.test"),
            user("slack:a", "U2", null));
    IdentityResolver resolver = new IdentityResolver(new Pseudonyms(new byte[32]));
    // By the handle of one account: the whole person (both accounts, shared e-mail) is opted out, nobody else.
    IdentityDirectory d =
        resolver.resolve(accounts, dev.veil.transforms.common.OptOuts.of(List.of("@hU9"), null, null, null));
    assertThat(d.getIdentities()).filteredOn(Identity::getOptedOut).singleElement()
        .satisfies(i -> assertThat(i.getAccounts()).containsExactly("slack:a|U1", "slack:b|U9"));
    // Same pseudonyms with or without opt-outs; only the mark differs.
    assertThat(d.getIdentities()).extracting(Identity::getPersonId)
        .containsExactlyElementsOf(resolver.resolve(accounts).getIdentities().stream().map(Identity::getPersonId).toList());
    assertThat(d.getFingerprint()).isNotEqualTo(resolver.resolve(accounts).getFingerprint());
    // Names are not identifiers an opt-out list may use.
    assertThat(resolver.resolve(accounts, dev.veil.transforms.common.OptOuts.of(List.of("Real U2"), null, null, null))
        .getIdentities()).noneMatch(Identity::getOptedOut);
  }

  @Test
  void anOptedOutEmailNoAccountCarriesStillJoinsTheDirectoryToBeHidden() {
    IdentityDirectory d = new IdentityResolver(new Pseudonyms(new byte[32])).resolve(
        List.of(user("slack:a", "U2", null)),
        dev.veil.transforms.common.OptOuts.of(List.of("Gone@Example.test"), null, null, null));
    assertThat(d.getIdentities()).filteredOn(Identity::getOptedOut).singleElement()
        .satisfies(i -> assertThat(i.getForms()).extracting(IdentityForm::getValue).contains("gone@example.test"));
  }
}
