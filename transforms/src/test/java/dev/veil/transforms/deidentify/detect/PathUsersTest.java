package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** User names in paths, prompts and login lines; generic accounts and look-alike paths left alone. */
class PathUsersTest {
  private static final PathUsers USERS = new PathUsers();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Unix and macOS homes
        "cat /home/«jdoe»/.bashrc|0.95",
        "ls /home/«dana.w»|0.95",
        "it is in /home/«jdoe».|0.95",
        "file:///home/«jdoe»/notes.txt|0.95",
        "open /Users/«rkumaran»/Library/Logs|0.95",
        "wsl: /mnt/c/Users/«jdoe»/Downloads|0.95",
        "/usr/home/«mei»/src and /export/home/«otto»/bin|0.95",
        // Windows homes: backslash, forward slash, escaped, spaces, old layout
        "C:\\Users\\«jdoe»\\AppData\\Local\\Temp|0.95",
        "c:/users/«jdoe»/Desktop/report.xlsx|0.95",
        "\"path\": \"C:\\\\Users\\\\«jdoe»\\\\Documents\"|0.95",
        "C:\\Users\\«Dana Whitfield»\\Desktop|0.95",
        "D:\\Documents and Settings\\«jdoe»\\Favorites|0.95",
        "home is C:\\Users\\«jdoe» now|0.95",
        // ~user and mail spools
        "cp ~«jdoe»/notes.md .|0.9",
        "mail in /var/mail/«jdoe» and /var/spool/mail/«ravi»|0.95",
        // prompts
        "«jdoe»@buildbox:~$ make|0.95",
        "[«jdoe»@buildbox ~]$ ls|0.95",
        // logins in context
        "login: «jdoe»|0.9",
        "Username: «dana.w» (locked)|0.9",
        "\"username\": \"«jdoe»\"|0.9",
        "psql --user=«jdoe» -d app|0.9",
        "login as: «jdoe»|0.9",
        "user=ACME\\«jdoe» failed|0.9",
        "account_name = «mei_o»|0.9"
      })
  void findsUserNames(String marked, double score) {
    List<Finding> found = Marked.assertFinds(USERS, marked, EntityType.USERNAME);
    assertThat(found).extracting(Finding::score).containsOnly(score);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // generic and system accounts
        "C:\\Users\\Public\\Documents and C:\\Users\\Default\\NTUSER.DAT",
        "C:\\Users\\All Users\\Microsoft and C:\\Users\\Default User\\x",
        "/Users/Shared/Installers",
        "/home/runner/work/veil and /home/ubuntu/.ssh and /home/ec2-user/app",
        "root@web01:/var/log# tail",
        "login: root",
        "username: admin",
        // no name at all
        "ls /home and cd /home/",
        "cd ~/src/veil",
        "cat /root/.profile",
        "C:\\Users\\%USERNAME%\\AppData and /home/$USER/x and /home/<user>/x",
        // routes and URLs that only look like homes
        "GET /api/users/42 and /users/jdoe/repos",
        "https://example.com/home/about",
        "approx ~5/10 people",
        // logins that are no names
        "login: failed",
        "User: can you summarise this thread?",
        "username: jdoe@example.com",
        "uid=1000",
        // e-mails and other look-alikes
        "mail jdoe@example.com: thanks",
        "version 10.2.3.4-build at 2024-03-05T10:00:00Z"
      })
  void leavesGenericAccountsAndLookAlikes(String text) {
    Marked.assertFinds(USERS, text, EntityType.USERNAME);
  }
}
