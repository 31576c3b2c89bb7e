package dev.veil.transforms.deidentify.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host names of machines, and the public domains, file names and code that look like them. */
class HostsTest {
  private static final Hosts HOSTS = new Hosts();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // internal domains
        "ping «web01.corp.local» now|0.95",
        "«fileserver.acme.lan» is full|0.95",
        "metadata from «ip-10-0-1-23.ec2.internal».|0.95",
        "router at «gw.home.arpa»|0.95",
        "«BUILD7.ACME.CORP» joined the domain|0.95",
        "see «nas.localdomain» for backups|0.95",
        "open https://«wiki.intranet»/page|0.95",
        // public domains with a numbered first label
        "deploy to «build-agent-07.ci.acme.io» failed|0.85",
        "«db-02a.prod.acme.com»:5432 is slow|0.85",
        "«ip-10-0-1-23.eu-west-1.compute.amazonaws.com» is up|0.85",
        // Windows machine names
        "event from «DESKTOP-7HG2K1L» at 10:00|0.95",
        "«WIN-5E07COS9ALR» rebooted|0.95",
        "«EC2AMAZ-4K2H9QJ» is the new box|0.95",
        // prompts and UNC paths
        "jdoe@«buildbox»:~$ make test|0.95",
        "root@«web01»:/var/log# tail -f syslog|0.95",
        "[jdoe@«buildbox» ~]$ ls|0.95",
        "copy to \\\\«FILESRV01»\\share\\q3|0.95",
        // context words
        "hostname: «buildbox»|0.95",
        "Hostname=«buildbox.acme.com»|0.95",
        "host: «db-07»|0.95",
        "\"server_name\": \"«stage3»\"|0.95",
        "the server «fs01» is down again|0.9",
        "ssh «web03» and check|0.9",
        "ssh -p 2222 «web03»|0.9",
        "ssh jdoe@«buildbox»|0.9",
        // the host of a URL with credentials (its user info is a secret, not an e-mail address)
        "postgres://app:s3cret@«db01.acme.com»/app|0.85"
      })
  void findsMachineNames(String marked, double score) {
    List<Finding> found = Marked.assertFinds(HOSTS, marked, EntityType.HOSTNAME);
    assertThat(found).extracting(Finding::score).containsExactly(score);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ssh -i key.pem ops@«bastion01.acme.com» uptime",
        "from «DESKTOP-7HG2K1L» to «LAPTOP-QW3RT7ZP»",
        "«web01.corp.local» and «web02.corp.local» and github.com"
      })
  void findsEachMachineOnce(String marked) {
    Marked.assertFinds(HOSTS, marked, EntityType.HOSTNAME);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // public domains in URLs and prose
        "see https://github.com/apache/beam and www.example.com",
        "docs at https://docs.google.com/document/d/1 and api.github.com",
        "mail.google.com, s3.amazonaws.com, ec2.amazonaws.com and web3.example.org",
        "x86.example.com h264.example.com",
        // file names and code
        "open report.pdf and main.java",
        "the file web01.log rotated, backup01.tar.gz uploaded, db01.sql.gz too",
        "import org.apache.beam.sdk.Pipeline;",
        "java.util.List and jdk.internal.misc.Unsafe",
        "use threading.local() here",
        "settings.local.json and .env.local and docker-compose.local.yml",
        "the Acme.Corp merger",
        // versions, IPs, e-mail addresses
        "version 10.2.3.4-build, release-2.4.1 and v1.2.3",
        "host 10.0.12.7 is down",
        "host: 0.0.0.0",
        "mail jdoe@web01.corp.local or dana@corp.local please",
        // HTTP headers, runtimes, prose
        "Server: nginx/1.25.3",
        "Host: api.example.com",
        "node: v18.17.0",
        "on the server side, ssh into the box",
        "ssh -T git@github.com",
        "git clone git@github.com:/acme/repo.git",
        "curl http://localhost:8080/health",
        "hostname: localhost",
        "WIN-LOSE ratio, DESKTOP-APP and LAPTOP-STAND",
        "meet at 10:30, server restart on 2024-03-05"
      })
  void leavesPublicDomainsFilesAndCode(String text) {
    Marked.assertFinds(HOSTS, text, EntityType.HOSTNAME);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"web01,true", "db-02a,true", "build-agent-07,true", "ip-10-0-1-23,true", "x86,false", "v18,false",
      "www,false", "h264,false", "s3,false", "arm64,false"})
  void numberedLabels(String label, boolean numbered) {
    assertThat(Hosts.numberedLabel(label)).isEqualTo(numbered);
  }
}
