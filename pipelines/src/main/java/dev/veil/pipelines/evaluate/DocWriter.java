package dev.veil.pipelines.evaluate;

import static dev.veil.pipelines.evaluate.Values.ALNUM;
import static dev.veil.pipelines.evaluate.Values.HEX;
import static dev.veil.pipelines.evaluate.Values.UPPER;
import static dev.veil.pipelines.evaluate.Values.chars;
import static dev.veil.pipelines.evaluate.Values.digits;

import dev.veil.transforms.deidentify.detect.EntityType;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes one document of the evaluation set from sentence templates. A template is text with {@code ${slot}} markers;
 * a slot either plants a labelled value (people, e-mails, phones, cards, …, each with the context it needs) or writes
 * an unlabelled trap ({@code ${t.version}}, {@code ${t.order}}, …). Each sentence is about one theme, drawn with fixed
 * weights, so every entity type gets about the same share of sentences and traps a fair share of their own.
 */
final class DocWriter {
  static final String[] GENRES = {"chat", "ticket", "mail"};

  private enum Theme {
    DIRECTORY, OUTSIDE, EMAIL, PHONE, CARD, IBAN, IP, SSN, NATIONAL_ID, HOSTNAME, USERNAME, DOB, AGE, SECRET, URL_QUERY,
    DENIED, TRAP, NAME_WORDS
  }

  /** Theme draw weights: people more often (many forms), traps about a third of all sentences. */
  private static final Theme[] DRAW = weights();

  private static Theme[] weights() {
    java.util.ArrayList<Theme> all = new java.util.ArrayList<>();
    for (Theme t : Theme.values()) {
      int w = switch (t) {
        case DIRECTORY, OUTSIDE -> 3;
        case URL_QUERY, DENIED -> 1;
        case TRAP -> 7;
        case NAME_WORDS -> 3;
        default -> 2;
      };
      for (int i = 0; i < w; i++) {
        all.add(t);
      }
    }
    return all.toArray(new Theme[0]);
  }

  private final SplittableRandom rnd;
  private final List<Employee> employees;
  private final EvalSet.Names names;
  private final DocBuilder b = new DocBuilder();

  DocWriter(SplittableRandom rnd, List<Employee> employees, EvalSet.Names names) {
    this.rnd = rnd;
    this.employees = employees;
    this.names = names;
  }

  LabelledDoc write(String id, int genre) {
    switch (genre) {
      case 0 -> chat();
      case 1 -> ticket();
      default -> mail();
    }
    return b.build(id, GENRES[genre]);
  }

  // ------------------------------------------------------------------------------------------------ genres

  /** Slack-style: a few short messages, one a line, now and then a pasted code block. */
  private void chat() {
    int messages = 4 + rnd.nextInt(6);
    for (int i = 0; i < messages; i++) {
      if (i > 0) {
        b.text("\n");
      }
      if (rnd.nextInt(12) == 0) {
        b.text("```\n");
        logBlock(2 + rnd.nextInt(3));
        b.text("```");
      } else {
        sentence(draw());
      }
    }
  }

  /** Jira-style: a summary, a description of a few paragraphs, maybe a log block, and comments. */
  private void ticket() {
    say(pick(SUMMARIES));
    b.text("\n\n");
    int paragraphs = 1 + rnd.nextInt(3);
    for (int p = 0; p < paragraphs; p++) {
      paragraph(2 + rnd.nextInt(3));
      b.text("\n\n");
    }
    if (rnd.nextInt(2) == 0) {
      b.text(pick("{code}\n", "{noformat}\n", "Logs:\n"));
      logBlock(3 + rnd.nextInt(4));
      b.text(pick("{code}\n\n", "{noformat}\n\n", "\n"));
    }
    int comments = 1 + rnd.nextInt(3);
    for (int c = 0; c < comments; c++) {
      b.text("Comment: ");
      paragraph(1 + rnd.nextInt(3));
      b.text("\n\n");
    }
    b.text(pick("Priority: Major", "Labels: backend, customer", "Fix version: " + version(), "Component: billing"));
  }

  /** An e-mail: headers, greeting, a few paragraphs, sign-off and signature; sometimes a quoted reply. */
  private void mail() {
    boolean outsideSender = rnd.nextInt(10) < 7;
    Person sender = outsideSender ? outside() : null;
    Employee employee = employee();
    b.text("From: ");
    if (outsideSender) {
      fullName(sender, "outside_from_header");
      b.text(" <").gold(EntityType.EMAIL, "outside_email", sender.email()).text(">");
    } else {
      dirFull(employee).text(" <").gold(EntityType.PERSON, "directory_email", employee.email()).text(">");
    }
    Employee to = outsideSender ? employee : employee();
    b.text("\nTo: ").gold(EntityType.PERSON, "directory_email", to.email());
    if (rnd.nextInt(3) == 0) {
      b.text("\nCc: ");
      Person cc = outside();
      fullName(cc, "outside_cc");
      b.text(" <").gold(EntityType.EMAIL, "outside_email", cc.email()).text(">");
    }
    b.text("\nSubject: ");
    say(pick(SUBJECTS));
    b.text("\n\n");
    greeting(to);
    int paragraphs = 1 + rnd.nextInt(3);
    for (int p = 0; p < paragraphs; p++) {
      paragraph(1 + rnd.nextInt(3));
      b.text("\n\n");
    }
    b.text(pick("Best regards,\n", "Kind regards,\n", "Thanks,\n", "Cheers,\n", "Best,\n", "Regards,\n", "Many thanks,\n"));
    if (outsideSender) {
      if (rnd.nextBoolean()) {
        b.gold(EntityType.PERSON, "outside_signoff", sender.first());
      } else {
        fullName(sender, "outside_signoff");
      }
      b.text("\n").text(pick(TITLES)).text(" | ").text(pick(COMPANIES));
      if (rnd.nextInt(3) > 0) {
        b.text(pick("\nTel: ", "\nPhone: ", "\nMobile: ", "\nT ", "\nDirect: "));
        b.gold(EntityType.PHONE, Values.phone(rnd));
      }
      if (rnd.nextBoolean()) {
        b.text("\n").text(pick("www.", "")).text(pick(PUBLIC_DOMAINS));
      }
    } else {
      dirFull(employee).text("\n").text(pick(TITLES)).text(" | Kestrel Labs");
      if (rnd.nextBoolean()) {
        b.text("\nPhone: ");
        dirPhone(employee);
      }
    }
    if (rnd.nextInt(4) == 0) {
      b.text("\n\nOn ");
      meetingDate();
      b.text(", ");
      Person quoted = outside();
      fullName(quoted, "outside_quote_header");
      b.text(" <").gold(EntityType.EMAIL, "outside_email", quoted.email()).text("> wrote:\n> ");
      sentence(draw());
    }
  }

  private void greeting(Employee to) {
    switch (rnd.nextInt(7)) {
      case 0 -> b.text("Hi ").gold(EntityType.PERSON, "directory_first_name", to.first()).text(",\n\n");
      case 1 -> b.text("Dear ").text(pick("Mr. ", "Ms. ", "Dr. ")).gold(EntityType.PERSON, "directory_last_name", to.last())
          .text(",\n\n");
      case 2 -> b.text("Hello ").gold(EntityType.PERSON, "directory_first_name", to.first()).text(" and team,\n\n");
      case 3 -> b.text(pick("Hi all,\n\n", "Hello team,\n\n", "Dear Support,\n\n", "Good morning,\n\n"));
      case 4 -> b.text("Dear ").gold(EntityType.PERSON, "directory_full_name", to.full()).text(",\n\n");
      default -> b.text("Hi ").gold(EntityType.PERSON, "directory_first_name", to.first()).text(",\n\n");
    }
  }

  private void paragraph(int sentences) {
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        b.text(" ");
      }
      sentence(draw());
      char last = b.last();
      if (last != '.' && last != '!' && last != '?' && last != '\n' && last != ':') {
        b.text(".");
      }
    }
  }

  /** Lines of a pasted log: timestamps, levels, classes, ports, sometimes an address, a host, a path or a secret. */
  private void logBlock(int lines) {
    for (int i = 0; i < lines; i++) {
      timestamp();
      b.text(pick(" INFO ", " WARN ", " ERROR ", " DEBUG "));
      switch (rnd.nextInt(12)) {
        case 0 -> say("[${t.pkg}] connection from ${ip} refused");
        case 1 -> say("[main] connected to ${host}:${t.port}");
        case 2 -> say("java.io.FileNotFoundException: /home/${user}/.config/${t.file}");
        case 3 -> say("[http-nio-${t.port}-exec-${t.n}] ${t.pkg}.Handler request_id=${t.uuid} took ${t.n}ms");
        case 4 -> say("[worker] retrying job ${t.uuid} (attempt ${t.n}/5)");
        case 5 -> say("[auth] ${secret}");
        case 6 -> say("[deploy] ${t.tool} build #${t.n} finished, commit ${t.hash}");
        case 7 -> say("[client] GET /api/v2/orders/${t.order} 404 from ${ip}");
        case 8 -> say("[gc] heap ${t.n}MB after ${t.n}ms pause; ${t.lib} ${t.version}");
        case 9 -> say("[${t.pkg}] listening on " + pick("0.0.0.0", "127.0.0.1", "localhost", "[::]") + ":${t.port}");
        default -> say("[${t.pkg}] ready in ${t.n} ms");
      }
      b.text("\n");
    }
  }

  private Theme draw() {
    return DRAW[rnd.nextInt(DRAW.length)];
  }

  private void sentence(Theme theme) {
    String[] templates = switch (theme) {
      case DIRECTORY -> DIRECTORY;
      case OUTSIDE -> OUTSIDE;
      case EMAIL -> EMAIL;
      case PHONE -> PHONE;
      case CARD -> CARD;
      case IBAN -> IBAN;
      case IP -> IP;
      case SSN -> SSN;
      case NATIONAL_ID -> NATIONAL_ID;
      case HOSTNAME -> HOSTNAME;
      case USERNAME -> USERNAME;
      case DOB -> DOB;
      case AGE -> AGE;
      case SECRET -> SECRET;
      case URL_QUERY -> URL_QUERY;
      case DENIED -> DENIED;
      case TRAP -> TRAPS;
      case NAME_WORDS -> NAME_WORDS;
    };
    say(pick(templates));
  }

  // ------------------------------------------------------------------------------------------------ templates

  private static final String[] DIRECTORY = {
    "${dir.first} can you take a look at ${t.ticket}?",
    "thanks ${dir.first}!",
    "@${dir.handle} ping me when the deploy is done",
    "${dir.full} is out today, please route reviews to ${dir.first}",
    "Looping in ${dir.full} from the data team",
    "I synced with ${dir.last} about ${topic}",
    "who owns ${topic}? I think it's ${dir.full}",
    "${dir.email} is the right contact for access requests",
    "you can reach ${dir.first} on ${dir.phone} during the incident",
    "reassigning to ${dir.any}",
    "${dir.any} approved the change",
    "FYI ${dir.handle} merged the fix for ${t.ticket}",
    "As ${dir.last} said in standup, ${topic} ${verb}",
    "${dir.any} and ${dir.any} are pairing on ${topic} today",
    "Ask ${dir.any} for the ${t.tool} credentials, not me",
    "great catch ${dir.first}, thanks",
    "escalated to ${dir.full} (${dir.email})",
    "my number changed, it's ${dir.phone} now - ${dir.first}",
  };

  private static final String[] OUTSIDE = {
    "customer ${out.full} called about ${topic}",
    "${out.title} asked for the export again",
    "spoke with ${out.full} from ${t.company} this morning",
    "cc ${out.full}",
    "Hi ${out.first}, thanks for the quick reply!",
    "${out.full} from procurement wants the invoice by ${t.weekday}",
    "the caller, ${out.full}, could not log in",
    "forwarding the complaint from ${out.title}",
    "met ${out.full} and ${out.full} at the conference, both want a demo",
    "Thanks, ${out.first}",
    "we had a call with ${out.title} from ${t.company} about the renewal",
    "${out.full} (${t.company}) reported that ${topic} ${verb}",
    "ticket opened on behalf of ${out.full}",
    "the reference came from ${out.full}, who used to work with ${out.title}",
    "Contact person: ${out.full}",
    "Dr. ${out.last} will join the call on ${t.date}",
    "please send the contract to ${out.full} at ${t.company}",
  };

  private static final String[] EMAIL = {
    "send it to ${email}",
    "customer email is ${email}",
    "bounce from ${email}: mailbox full",
    "please add ${email} to the allowlist",
    "the invite went to ${email} instead of the shared inbox",
    "Reply-To was set to ${email}",
    "unsubscribe request from ${email}",
    "she asked us to use ${email} from now on",
  };

  private static final String[] PHONE = {
    "call me at ${phone}",
    "the customer left a callback number: ${phone}",
    "tel ${phone}",
    "her mobile is ${phone}, office ${phone}",
    "He can be reached on ${phone} after ${t.time}",
    "SMS verification went to ${phone}",
    "the caller ID showed ${phone}",
    "Support hotline moved, new number is ${phone} (old one ${t.badphone} is dead)",
  };

  private static final String[] CARD = {
    "customer pasted their card ${card} into the chat, can we purge it?",
    "charge failed for card ${card} (exp ${t.exp})",
    "refund goes back to ${card}",
    "Payment method: ${card}",
    "the order form logged the full PAN ${card} in plain text",
    "card number ${card}, CVV in the attachment",
  };

  private static final String[] IBAN = {
    "please wire it to ${iban}",
    "new supplier IBAN: ${iban}",
    "the payout to ${iban} bounced",
    "Bank details changed to ${iban}, please confirm by phone",
    "refund to IBAN ${iban} (BIC in the PDF)",
    "SEPA mandate for ${iban} was revoked",
  };

  private static final String[] IP = {
    "getting 403s from ${ip}",
    "blocked ${ip} at the WAF",
    "client_ip=${ip} status=500",
    "the VPN gave me ${ip} today",
    "Login from unusual location: ${ip}",
    "she was connecting from ${ip} when the session dropped",
    "whitelist ${ip} for the partner's SFTP",
  };

  private static final String[] SSN = {
    "the applicant's SSN ${ssn} is in the attachment",
    "W-9 lists social security number ${ssn}",
    "ssn: ${ssn}",
    "HR form has ${ssn} in the notes field, please delete it",
    "Employee SSN ${ssn} needs to be masked in the export",
    "background check for SSN ${ssn} came back clean",
  };

  private static final String[] NATIONAL_ID = {
    "KYC check failed for ${nid}",
    "the applicant's ${nid} is on the scanned form",
    "please remove ${nid} from the ticket",
    "Payroll needs ${nid} before the first salary",
    "customer confirmed identity with ${nid}",
  };

  private static final String[] HOSTNAME = {
    "can you ssh into ${host} and restart the agent?",
    "disk full on ${host} again",
    "${host} is not responding to ping",
    "deploy to ${host} failed at step 3",
    "RDP to ${host.win} works now",
    "the crash report came from ${host.win}",
    "connect to ${host}:${t.port} with the read-only user",
    "ssh ${host.short} and check the cron",
    "the backup job on host ${host.short} hangs",
    "Machine name ${host.win} keeps dropping off the domain",
    "cert on ${host} expires ${t.date}",
  };

  private static final String[] USERNAME = {
    "permission denied on /home/${user}/.ssh/id_rsa",
    "the crash dump is at C:\\Users\\${user}\\AppData\\Local\\Temp\\${t.file}",
    "logs are in /Users/${user}/Library/Logs/${t.file}",
    "logged in as ${user} on the jump box",
    "report.pdf - C:\\Users\\${user}\\Downloads - Adobe Acrobat",
    "cp /home/${user}/exports/${t.file} /srv/shared/",
    "login: ${user}",
    "the cron runs from /home/${user}/bin/sync.sh",
  };

  private static final String[] DOB = {
    "Applicant ${out.full}, ${dob}, needs a badge",
    "new hire paperwork: ${dob}",
    "customer verified identity (${dob})",
    "the insurance form says ${dob}",
    "correction for the contract - ${dob}",
    "${out.full} was ${born}, please fix the record",
    "the caller, ${born}, passed security",
    "she was ${born} so the discount applies",
  };

  private static final String[] AGE = {
    "the customer (${age}) says the app crashes on login",
    "candidate is ${age}, based in Lisbon",
    "caller said she is ${age} and cannot read the small print",
    "the patient, ${age}, missed the appointment reminder",
    "user research participant: ${age}, teacher",
  };

  private static final String[] SECRET = {
    "${secret}",
    "oops, I pasted ${secret} in the wrong channel, rotating now",
    "the config in the repo has ${secret}",
    "use ${secret} for staging until ${t.weekday}",
    "found this in the CI logs: ${secret}",
  };

  private static final String[] URL_QUERY = {
    "here's the link: ${url}",
    "join via ${url}",
    "the reset link ${url} did not work for her",
    "see ${url} for details",
  };

  private static final String[] DENIED = {
    "the ${denied} rollout slipped to ${t.date}",
    "${denied} wants a discount on the renewal",
    "status of ${denied}?",
    "please don't mention ${denied} outside this channel",
    "kickoff for ${denied} is at ${t.time}",
  };

  private static final String[] TRAPS = {
    "bumped ${t.lib} to ${t.version}",
    "Upgraded the agent from ${t.version} to ${t.version} on all nodes",
    "order ${t.order} is stuck in fulfilment",
    "invoice INV-${t.year}-${t.n} total ${t.price}",
    "the test card ${t.badcard} should be declined (bad checksum)",
    "IBAN ${t.badiban} was rejected by the bank, check digits are wrong",
    "the bank says ${t.badiban} is not a valid IBAN, typo somewhere",
    "card ${t.badcard} from the fraud report fails validation",
    "legacy reference ${t.badcard} from the old billing export",
    "tracking number ${t.order}, carrier says delivered",
    "bridge line ${t.badphone} is a placeholder from the template",
    "ref ${t.badssn} in the legacy system is a placeholder, not a real SSN",
    "Dummy SSN ${t.badssn} is used in the fixtures",
    "${t.tool} is red again after ${t.hash}",
    "${t.tool} consumer lag is ${t.n} on partition ${t.n}",
    "stack trace points at ${t.pkg}.Worker.run",
    "see https://${t.domain}/docs for the API",
    "attached ${t.file} and ${t.file}",
    "commit ${t.hash} fixes it",
    "request id ${t.uuid} failed with 502",
    "the service listens on port ${t.port}",
    "costs ${t.price} per month, approved",
    "dial-in ${t.badphone} does not work",
    "Meeting moved to ${t.date} at ${t.time}",
    "Release ${t.version} ships on ${t.date}",
    "the token is expired, please log in again",
    "password reset emails are delayed",
    "key rotation is scheduled for ${t.date}",
    "The key change landed in ${t.hash}",
    "image digest sha256:${t.sha}",
    "the laptop is ${t.small} years old, time for a new one",
    "needs ${t.small} years of experience with ${t.tool}",
    "retention is ${t.small} years for invoices",
    "files are in /usr/local/share/${t.lib} and C:\\Program Files\\${t.tool}",
    "put it in /Users/Shared/${t.file} or C:\\Users\\Public\\Documents",
    "OID ${t.oid} is the vendor MIB",
    "Chrome ${t.chrome} breaks the date picker",
    "build ${t.n} of ${t.pkg} took ${t.n} s",
    "PR #${t.n} was merged on ${t.date}",
    "we have ${t.n} open tickets in ${t.ticket.project}",
    "Deploying ${t.version} now, ETA ${t.small} minutes",
    "Rebooted. Looks good. Closing ${t.ticket}",
    "the quote was ${t.price} plus VAT",
    "${t.ts} the scheduler started",
    "docs moved to ${t.domain}",
    "SKU ${t.sku} is out of stock",
  };

  private static final String[] NAME_WORDS = {
    "Will do, thanks!",
    "will check tomorrow",
    "May I suggest we ship ${t.version} first?",
    "the May release is frozen",
    "Mark the ticket as done once ${t.tool} is green",
    "please mark it as a duplicate",
    "Bill the customer for the overage",
    "the bill for ${t.tool} went up again",
    "There's a grace period of ${t.small} days",
    "Grace period ends ${t.date}",
    "Latency rose to ${t.n} ms after the deploy",
    "team lunch at the Rose and Crown on ${t.weekday}",
    "Summer release notes are in ${t.file}",
    "Chase the vendor for the quote",
    "Frank feedback welcome",
    "April planning doc is up",
    "Jack up the heap to ${t.small}g and retry",
    "Bug Hunter badge goes to the QA team",
    "Jenkins and Sentry are both down",
    "Grafana shows ${t.n}% CPU on the Kafka brokers",
    "Jira is slow today",
    "Sentry reports ${t.n} new errors since ${t.time}",
    "Kafka topics were recreated",
    "Hi team, quick update",
    "Thanks all",
    "Best, the Platform Team",
    "Regards, Billing Operations",
    "Dear Customer Success,",
    "Morning! Coffee is in the kitchen",
    "Happy Friday everyone",
    "Note to self: rotate the logs",
    "Good catch. Reverted",
    "Heads up: Terraform plan shows ${t.n} changes",
    "Confluence page updated, PagerDuty schedule too",
    "New York office is closed on ${t.date}",
    "Paris and Berlin teams join at ${t.time}",
  };

  private static final String[] SUMMARIES = {
    "Login fails for customer ${out.full}",
    "${t.tool} pipeline broken after ${t.version}",
    "Refund request from ${out.title}",
    "Export contains ${dir.full}'s phone number",
    "Payment declined for card ending ${t.small}${t.small}${t.small}${t.small}",
    "Timeouts on ${host}",
    "[${t.ticket}] Crash in ${t.pkg}",
    "Access request for ${dir.any}",
    "${denied}: data migration",
    "Customer cannot reset password",
    "Invoice ${t.order} shows wrong VAT",
  };

  private static final String[] SUBJECTS = {
    "Re: invoice ${t.order}",
    "Your support request ${t.ticket}",
    "Meeting on ${t.date}",
    "Question about the ${topic}",
    "Fwd: contract renewal",
    "Updated bank details",
    "Re: ${denied} timeline",
    "Access to ${t.tool}",
  };

  private static final String[] TITLES = {
    "Senior Account Manager", "Head of Procurement", "Customer Success Lead", "Office Manager", "Paralegal",
    "Site Reliability Engineer", "Data Protection Officer", "Finance Director", "Sales Engineer", "IT Administrator"
  };

  private static final String[] COMPANIES = {
    "Brightwave Media", "Pinecrest Bank", "Globex Freight", "Initech Insurance", "Umbrella Logistics",
    "Blue Harbor Analytics", "Silverline Retail", "Oakridge Health", "Copperfield Legal", "Northstar Energy"
  };

  private static final String[] PUBLIC_DOMAINS = {
    "github.com", "stackoverflow.com", "docs.oracle.com", "pypi.org", "en.wikipedia.org", "brightwave-media.com",
    "pinecrestbank.co.uk", "developer.mozilla.org", "kafka.apache.org", "grafana.com"
  };

  private static final String[] TOOLS = {
    "Jenkins", "Kafka", "Jira", "Grafana", "Sentry", "Terraform", "Kubernetes", "Datadog", "PagerDuty", "Confluence",
    "Airflow", "Spark", "Postgres", "Redis", "Elasticsearch", "Vault"
  };

  private static final String[] LIBS = {
    "netty", "jackson-databind", "guava", "log4j-core", "spring-boot", "protobuf-java", "grpc", "okhttp", "slf4j",
    "commons-io"
  };

  private static final String[] PACKAGES = {
    "org.apache.beam.sdk.io", "com.google.common.collect", "org.apache.kafka.clients.consumer", "io.netty.channel",
    "com.fasterxml.jackson.databind", "org.springframework.web.servlet", "dev.veil.transforms.read",
    "java.util.concurrent", "org.postgresql.jdbc", "io.grpc.internal"
  };

  private static final String[] FILES = {
    "report.pdf", "Q3-forecast.xlsx", "build.gradle", "README.md", "config.yaml", "logback.xml", "invoice_final.docx",
    "screenshot.png", "app.log", "dump.hprof", "settings.json", "deploy.sh", "notes.txt"
  };

  private static final String[] TOPICS = {
    "the nightly export", "the billing service", "the SSO login", "the warehouse sync", "the release train",
    "the iOS app", "the search indexer", "the on-call handover", "the pricing page", "the partner API"
  };

  private static final String[] VERBS = {
    "is flaky again", "broke overnight", "needs a second review", "is green now", "is waiting on infra",
    "is ready for QA", "was rolled back"
  };

  private static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"
  };

  // ------------------------------------------------------------------------------------------------ slots

  /** Writes a template, filling each {@code ${slot}}. */
  private void say(String template) {
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("${", at);
      if (open < 0) {
        b.text(template.substring(at));
        return;
      }
      b.text(template.substring(at, open));
      int close = template.indexOf('}', open);
      slot(template.substring(open + 2, close));
      at = close + 1;
    }
  }

  private void slot(String name) {
    switch (name) {
      // Directory people: labelled PERSON in every form.
      case "dir.full" -> dirFull(employee());
      case "dir.first" -> b.gold(EntityType.PERSON, "directory_first_name", employee().first());
      case "dir.last" -> b.gold(EntityType.PERSON, "directory_last_name", employee().last());
      case "dir.handle" -> b.gold(EntityType.PERSON, "directory_handle", employee().handle());
      case "dir.email" -> b.gold(EntityType.PERSON, "directory_email", employee().email());
      case "dir.phone" -> dirPhone(employee());
      case "dir.any" -> dirAny(employee());
      // Outside people: names labelled PERSON, their addresses EMAIL.
      case "out.full" -> fullName(outside(), "outside_full_name");
      case "out.first" -> b.gold(EntityType.PERSON, "outside_first_name", outside().first());
      case "out.last" -> b.gold(EntityType.PERSON, "outside_last_name", outside().last());
      case "out.title" -> b.text(pick("Dr. ", "Mr. ", "Ms. ", "Mrs. ", "Prof. "))
          .gold(EntityType.PERSON, "outside_titled_name", outside().last());
      case "email" -> email();
      case "phone" -> b.gold(EntityType.PHONE, Values.phone(rnd));
      case "card" -> b.gold(EntityType.CARD, Values.card(rnd));
      case "iban" -> b.gold(EntityType.IBAN, Values.iban(rnd));
      case "ip" -> b.gold(EntityType.IP_ADDRESS, Values.ip(rnd));
      case "ssn" -> b.gold(EntityType.US_SSN, Values.ssn(rnd));
      case "nid" -> nationalId();
      case "host" -> b.gold(EntityType.HOSTNAME, "internal_fqdn", internalHost());
      case "host.win" -> b.gold(EntityType.HOSTNAME, "windows_machine", windowsHost());
      case "host.short" -> b.gold(EntityType.HOSTNAME, "short_host", shortHost());
      case "user" -> b.gold(EntityType.USERNAME, "login", login());
      case "dob" -> dateOfBirth(false);
      case "born" -> dateOfBirth(true);
      case "age" -> age();
      case "secret" -> secret();
      case "url" -> url();
      case "denied" -> denied();
      // Traps: never labelled.
      case "t.version" -> b.text(version());
      case "t.ts" -> timestamp();
      case "t.date" -> meetingDate();
      case "t.time" -> b.text(String.format(Locale.ROOT, "%d:%02d", 8 + rnd.nextInt(10), rnd.nextInt(4) * 15));
      case "t.weekday" -> b.text(pick("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"));
      case "t.order" -> b.text(orderNumber());
      case "t.badcard" -> b.text(Values.badCard(rnd));
      case "t.badiban" -> b.text(Values.badIban(rnd));
      case "t.badssn" -> b.text(Values.badSsn(rnd));
      case "t.badphone" -> b.text(Values.badPhone(rnd, EvalSet.PHONE_REGIONS));
      case "t.tool" -> b.text(pick(TOOLS));
      case "t.lib" -> b.text(pick(LIBS));
      case "t.pkg" -> b.text(pick(PACKAGES));
      case "t.domain" -> b.text(pick(PUBLIC_DOMAINS));
      case "t.file" -> b.text(pick(FILES));
      case "t.hash" -> b.text(chars(rnd, HEX, rnd.nextBoolean() ? 7 : 40));
      case "t.sha" -> b.text(chars(rnd, HEX, 64));
      case "t.uuid" -> b.text(uuid());
      case "t.port" -> b.text(pick("8080", "5432", "9092", "6379", "443", "8443", "3000", "9200", "27017", "2181"));
      case "t.price" -> b.text(price());
      case "t.n" -> b.text(Integer.toString(rnd.nextInt(rnd.nextBoolean() ? 100 : 5000)));
      case "t.small" -> b.text(Integer.toString(2 + rnd.nextInt(9)));
      case "t.year" -> b.text(Integer.toString(2022 + rnd.nextInt(4)));
      case "t.ticket" -> b.text(pick("OPS", "BILL", "ENG", "SEC", "DATA") + "-" + (100 + rnd.nextInt(9900)));
      case "t.ticket.project" -> b.text(pick("OPS", "BILL", "ENG", "SEC", "DATA"));
      case "t.company" -> b.text(pick(COMPANIES));
      case "t.exp" -> b.text(String.format(Locale.ROOT, "%02d/%02d", 1 + rnd.nextInt(12), 25 + rnd.nextInt(6)));
      case "t.oid" -> b.text("1.3.6.1.4.1." + (100 + rnd.nextInt(50000)) + "." + rnd.nextInt(20));
      case "t.chrome" -> b.text((110 + rnd.nextInt(20)) + ".0." + (5000 + rnd.nextInt(2000)) + "." + rnd.nextInt(200));
      case "t.sku" -> b.text(chars(rnd, UPPER, 3) + "-" + digits(rnd, 5) + "-" + chars(rnd, UPPER, 2));
      case "topic" -> b.text(pick(TOPICS));
      case "verb" -> b.text(pick(VERBS));
      default -> throw new IllegalArgumentException("unknown slot " + name);
    }
  }

  // ------------------------------------------------------------------------------------------------ people

  record Person(String first, String last, String email) {}

  private Employee employee() {
    return employees.get(rnd.nextInt(employees.size()));
  }

  private Person outside() {
    String first = Values.pick(rnd, names.given());
    String last = Values.pick(rnd, names.surnames());
    String f = Values.ascii(first);
    String l = Values.ascii(last);
    String local = switch (rnd.nextInt(5)) {
      case 0 -> f + "." + l;
      case 1 -> f.charAt(0) + l;
      case 2 -> f + "_" + l + digits(rnd, 2);
      case 3 -> f + l.charAt(0);
      default -> l + "." + f;
    };
    String domain = pick("gmail.com", "outlook.com", "yahoo.co.uk", "web.de", "orange.fr", "proton.me", "icloud.com",
        "brightwave-media.com", "pinecrestbank.co.uk", "globex.example", "oakridge-health.org");
    return new Person(first, last, local + "@" + domain);
  }

  private DocBuilder fullName(Person p, String kind) {
    return b.gold(EntityType.PERSON, kind, p.first() + " " + p.last());
  }

  private DocBuilder dirFull(Employee e) {
    return b.gold(EntityType.PERSON, "directory_full_name", e.full());
  }

  private void dirPhone(Employee e) {
    com.google.i18n.phonenumbers.Phonenumber.PhoneNumber p = e.phone();
    String value = switch (rnd.nextInt(4)) {
      case 0 -> Values.PHONES.format(p, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
      case 1 -> Values.PHONES.format(p, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164);
      default -> e.phoneInternational();
    };
    b.gold(EntityType.PERSON, "directory_phone", value);
  }

  /** Any form of a directory person, in any case: what people actually type. */
  private void dirAny(Employee e) {
    switch (rnd.nextInt(9)) {
      case 0 -> b.gold(EntityType.PERSON, "directory_full_upper", e.full().toUpperCase(Locale.ROOT));
      case 1 -> b.gold(EntityType.PERSON, "directory_full_lower", e.full().toLowerCase(Locale.ROOT));
      case 2 -> b.gold(EntityType.PERSON, "directory_handle", e.handle());
      case 3 -> b.gold(EntityType.PERSON, "directory_email", e.email());
      case 4 -> b.gold(EntityType.PERSON, "directory_last_name", e.last());
      case 5 -> {
        if (e.accented()) {
          b.gold(EntityType.PERSON, "directory_full_folded", Values.fold(e.first()) + " " + Values.fold(e.last()));
        } else {
          b.gold(EntityType.PERSON, "directory_first_name", e.first());
        }
      }
      default -> dirFull(e);
    }
  }

  private void email() {
    if (rnd.nextInt(6) == 0) {
      b.gold(EntityType.EMAIL, "role_email",
          pick("billing", "support", "invoices", "accounts.payable", "noreply") + "@" + pick(PUBLIC_DOMAINS));
    } else {
      b.gold(EntityType.EMAIL, "outside_email", outside().email());
    }
  }

  // ------------------------------------------------------------------------------------------------ identifiers

  private void nationalId() {
    switch (rnd.nextInt(7)) {
      case 0 -> {
        b.text(pick("NI number ", "National Insurance number: ", "NINO "));
        b.gold(EntityType.NATIONAL_ID, Values.nino(rnd));
      }
      case 1 -> {
        b.text(pick("BSN ", "BSN: ", "burgerservicenummer "));
        b.gold(EntityType.NATIONAL_ID, Values.bsn(rnd));
      }
      case 2 -> {
        b.text(pick("NIR ", "numéro de sécurité sociale ", "n° de sécu: "));
        b.gold(EntityType.NATIONAL_ID, Values.nir(rnd));
      }
      case 3 -> {
        b.text(pick("DNI ", "NIF: ", "DNI: "));
        b.gold(EntityType.NATIONAL_ID, Values.dni(rnd));
      }
      case 4 -> {
        b.text(pick("NIE ", "NIE: "));
        b.gold(EntityType.NATIONAL_ID, Values.nie(rnd));
      }
      case 5 -> {
        b.text(pick("SIN ", "social insurance number ", "SIN: "));
        b.gold(EntityType.NATIONAL_ID, Values.sin(rnd));
      }
      default -> {
        b.text(pick("Aadhaar ", "Aadhaar no. ", "Aadhaar number: "));
        b.gold(EntityType.NATIONAL_ID, Values.aadhaar(rnd));
      }
    }
  }

  private String internalHost() {
    String role = pick("build", "db", "web", "api", "cache", "ci-runner", "etl", "vault", "ldap", "pg-replica", "jump",
        "kafka-broker", "mail", "backup");
    String n = rnd.nextBoolean() ? String.format(Locale.ROOT, "%02d", 1 + rnd.nextInt(40)) : Integer.toString(1 + rnd.nextInt(9));
    String zone = pick("corp", "prod", "stg", "eu-west", "dc1", "ci", "int");
    String tld = pick("internal", "lan", "local", "corp", "kestrel.internal", "intra");
    String sep = rnd.nextBoolean() ? "-" : "";
    return rnd.nextInt(4) == 0 ? role + sep + n + "." + tld : role + sep + n + "." + zone + "." + tld;
  }

  private String windowsHost() {
    String alnum = UPPER + Values.DIGITS;
    return switch (rnd.nextInt(3)) {
      case 0 -> "DESKTOP-" + chars(rnd, alnum, 7);
      case 1 -> "LAPTOP-" + chars(rnd, alnum, 8);
      default -> "WIN-" + chars(rnd, alnum, 11);
    };
  }

  private String shortHost() {
    return pick("db", "web", "app", "etl", "build", "jump") + String.format(Locale.ROOT, "%02d", 1 + rnd.nextInt(30));
  }

  /** A person's login, from an outside name (never a directory handle). */
  private String login() {
    String f = Values.ascii(Values.pick(rnd, names.given()));
    String l = Values.ascii(Values.pick(rnd, names.surnames()));
    return switch (rnd.nextInt(5)) {
      case 0 -> f.charAt(0) + l;
      case 1 -> f + "." + l;
      case 2 -> f + digits(rnd, 2);
      case 3 -> l + f.charAt(0);
      default -> f.charAt(0) + l.substring(0, Math.min(l.length(), 6)) + digits(rnd, 1);
    };
  }

  private void dateOfBirth(boolean born) {
    int year = 1950 + rnd.nextInt(56);
    int month = 1 + rnd.nextInt(12);
    int day = 1 + rnd.nextInt(28);
    b.text(born
        ? pick("born ", "born on ")
        : pick("DOB: ", "DOB ", "date of birth: ", "Date of birth ", "d.o.b. ", "birth date: ", "birthday: "));
    b.gold(EntityType.DATE_OF_BIRTH, "dob", date(year, month, day));
  }

  private String date(int year, int month, int day) {
    String m = MONTHS[month - 1];
    return switch (rnd.nextInt(7)) {
      case 0 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
      case 1 -> day + " " + m + " " + year;
      case 2 -> m + " " + day + ", " + year;
      case 3 -> String.format(Locale.ROOT, "%02d/%02d/%d", month, day, year);
      case 4 -> String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
      case 5 -> day + " " + m.substring(0, 3) + " " + year;
      default -> String.format(Locale.ROOT, "%d/%02d/%02d", year, month, day);
    };
  }

  private void age() {
    String n = Integer.toString(18 + rnd.nextInt(70));
    switch (rnd.nextInt(7)) {
      case 0 -> b.text("age ").gold(EntityType.AGE, "age", n);
      case 1 -> b.text("aged ").gold(EntityType.AGE, "age", n);
      case 2 -> b.gold(EntityType.AGE, "age", n).text(" years old");
      case 3 -> b.gold(EntityType.AGE, "age", n).text("-year-old");
      case 4 -> b.gold(EntityType.AGE, "age", n).text(pick("yo", " y/o"));
      case 5 -> b.text("Age: ").gold(EntityType.AGE, "age", n);
      default -> b.gold(EntityType.AGE, "age", n).text(" yrs old");
    }
  }

  private void secret() {
    switch (rnd.nextInt(16)) {
      case 0 -> b.text(pick("aws_access_key_id = ", "AWS key ", "")).gold(EntityType.SECRET, "aws_access_key",
          pick("AKIA", "ASIA") + chars(rnd, UPPER + "234567", 16));
      case 1 -> b.text(pick("aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", "secret key: "))
          .gold(EntityType.SECRET, "aws_secret_key", chars(rnd, ALNUM + "/+", 40));
      case 2 -> b.text(pick("GITHUB_TOKEN=", "gh token ", "")).gold(EntityType.SECRET, "github_token",
          pick("ghp_", "gho_", "ghs_") + chars(rnd, ALNUM, 36));
      case 3 -> b.text(pick("SLACK_BOT_TOKEN=", "bot token ", "")).gold(EntityType.SECRET, "slack_token",
          pick("xoxb-", "xoxp-") + digits(rnd, 11) + "-" + digits(rnd, 13) + "-" + chars(rnd, ALNUM, 24));
      case 4 -> b.text(pick("GOOGLE_API_KEY=", "maps key ", "")).gold(EntityType.SECRET, "google_api_key",
          "AIza" + chars(rnd, ALNUM + "_-", 35));
      case 5 -> b.text(pick("STRIPE_SECRET_KEY=", "stripe key ", "")).gold(EntityType.SECRET, "stripe_key",
          pick("sk_live_", "rk_live_") + chars(rnd, ALNUM, 24 + rnd.nextInt(75)));
      case 6 -> b.text(pick("Authorization: Bearer ", "jwt=", "token ")).gold(EntityType.SECRET, "jwt", Values.jwt(rnd));
      case 7 -> b.text("\n").gold(EntityType.SECRET, "pem_private_key", Values.pem(rnd)).text("\n");
      case 8, 9 -> b.text(pick("password=", "password: ", "pwd: ", "PASSWORD=", "passwd=", "\"password\": \"",
          "the wifi password is ", "pass: ")).gold(EntityType.SECRET, "password", Values.password(rnd));
      case 10 -> b.text(pick("DB_PASSWORD=", "spring.datasource.password=", "MYSQL_ROOT_PASSWORD="))
          .gold(EntityType.SECRET, "password_env", Values.password(rnd));
      case 11, 12 -> b.text(pick("token: ", "api key ", "X-Api-Key: ", "access token ", "the key is ", "secret="))
          .gold(EntityType.SECRET, "opaque_token", Values.opaqueToken(rnd));
      case 13 -> b.text(pick("GH_PAT=", "fine-grained token ", "")).gold(EntityType.SECRET, "github_pat",
          "github_pat_" + chars(rnd, ALNUM, 22) + "_" + chars(rnd, ALNUM, 59));
      case 14 -> b.text("postgres://app:").gold(EntityType.SECRET, "url_password", Values.password(rnd).replaceAll("[@/:#?%]", "x"))
          .text("@").gold(EntityType.HOSTNAME, "internal_fqdn", internalHost()).text(":5432/app");
      default -> b.text(pick("Bearer ", "bearer token ")).gold(EntityType.SECRET, "bearer_token", Values.opaqueToken(rnd));
    }
  }

  private void url() {
    switch (rnd.nextInt(6)) {
      case 0 -> b.text("https://zoom.us/j/" + digits(rnd, 11)).gold(EntityType.URL_QUERY, "url_query",
          "?pwd=" + chars(rnd, ALNUM, 32));
      case 1 -> b.text("https://docs.google.com/document/d/" + chars(rnd, ALNUM + "_-", 44) + "/edit")
          .gold(EntityType.URL_QUERY, "url_query", "?usp=sharing&resourcekey=" + chars(rnd, ALNUM, 12));
      case 2 -> b.text("https://www.google.com/search").gold(EntityType.URL_QUERY, "url_query",
          "?q=" + pick(LIBS) + "+" + pick("timeout", "memory+leak", "upgrade") + "&hl=en");
      case 3 -> b.text("https://app.brightwave-media.com/reset").gold(EntityType.URL_QUERY, "url_query",
          "?token=" + chars(rnd, ALNUM, 28) + "&uid=" + digits(rnd, 6));
      case 4 -> b.text("https://kestrel.atlassian.net/wiki/spaces/ENG/pages/" + digits(rnd, 9))
          .gold(EntityType.URL_QUERY, "url_fragment", "#" + pick("Rollback", "Runbook", "Contacts", "Escalation"));
      default -> b.text("https://shop.globex.example/track").gold(EntityType.URL_QUERY, "url_query",
          "?order=" + digits(rnd, 8) + "&session=" + chars(rnd, HEX, 32));
    }
  }

  private void denied() {
    String term = Values.pick(rnd, EvalSet.DENY);
    b.gold(EntityType.DENIED, "deny_list", rnd.nextInt(5) == 0 ? term.toLowerCase(Locale.ROOT) : term);
  }

  // ------------------------------------------------------------------------------------------------ trap values

  private String version() {
    return switch (rnd.nextInt(7)) {
      case 0 -> "v" + (1 + rnd.nextInt(20)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(20);
      case 1 -> "version " + (1 + rnd.nextInt(9)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(10) + "." + rnd.nextInt(30);
      case 2 -> (1 + rnd.nextInt(9)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(10) + "." + rnd.nextInt(30);
      case 3 -> (1 + rnd.nextInt(4)) + "." + rnd.nextInt(30) + "." + rnd.nextInt(10);
      case 4 -> "v" + (1 + rnd.nextInt(20)) + ".0." + rnd.nextInt(5) + "-rc" + (1 + rnd.nextInt(3));
      case 5 -> (2022 + rnd.nextInt(4)) + "." + (1 + rnd.nextInt(12)) + "." + rnd.nextInt(5);
      default -> "17.0." + rnd.nextInt(12) + "+" + rnd.nextInt(12);
    };
  }

  private void timestamp() {
    int y = 2023 + rnd.nextInt(3);
    int mo = 1 + rnd.nextInt(12);
    int d = 1 + rnd.nextInt(28);
    int h = rnd.nextInt(24);
    int mi = rnd.nextInt(60);
    int s = rnd.nextInt(60);
    b.text(switch (rnd.nextInt(4)) {
      case 0 -> String.format(Locale.ROOT, "%d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
      case 1 -> String.format(Locale.ROOT, "%d-%02d-%02d %02d:%02d:%02d,%03d", y, mo, d, h, mi, s, rnd.nextInt(1000));
      case 2 -> String.format(Locale.ROOT, "[%02d/%s/%d:%02d:%02d:%02d +0000]", d, MONTHS[mo - 1].substring(0, 3), y, h, mi, s);
      default -> String.format(Locale.ROOT, "%s %2d %02d:%02d:%02d", MONTHS[mo - 1].substring(0, 3), d, h, mi, s);
    });
  }

  private void meetingDate() {
    int year = 2023 + rnd.nextInt(3);
    int month = 1 + rnd.nextInt(12);
    int day = 1 + rnd.nextInt(28);
    b.text(switch (rnd.nextInt(4)) {
      case 0 -> date(year, month, day);
      case 1 -> MONTHS[month - 1] + " " + day;
      case 2 -> pick("Monday", "Tuesday", "Thursday") + " " + day + " " + MONTHS[month - 1];
      default -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
    });
  }

  /** An order or invoice number: 9–12 digits, failing Luhn and every national check, and no valid phone number. */
  private String orderNumber() {
    while (true) {
      String n = "1" + digits(rnd, 8 + rnd.nextInt(4));
      if (Checksums.luhn(n) || (n.length() == 9 && Checksums.bsnValid(n)) || Checksums.verhoeffValid(n)) {
        continue;
      }
      if (!Values.holdsValidPhone("order " + n + " .", EvalSet.PHONE_REGIONS)) {
        return n;
      }
    }
  }

  private String uuid() {
    return chars(rnd, HEX, 8) + "-" + chars(rnd, HEX, 4) + "-4" + chars(rnd, HEX, 3) + "-" + pick("8", "9", "a", "b")
        + chars(rnd, HEX, 3) + "-" + chars(rnd, HEX, 12);
  }

  private String price() {
    int whole = 5 + rnd.nextInt(20000);
    String amount = String.format(Locale.ROOT, "%,d.%02d", whole, rnd.nextInt(100));
    return switch (rnd.nextInt(4)) {
      case 0 -> "$" + amount;
      case 1 -> "€" + amount;
      case 2 -> "USD " + amount;
      default -> "£" + amount;
    };
  }

  private String pick(String... items) {
    return items[rnd.nextInt(items.length)];
  }
}
