package dev.veil.pipelines.evaluate;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.veil.schemas.Account;
import java.util.Locale;

/** One invented employee of the evaluation set's directory. */
record Employee(String id, String first, String last, String handle, String email, PhoneNumber phone) {
  String full() {
    return first + " " + last;
  }

  String phoneInternational() {
    return Values.PHONES.format(phone, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
  }

  /** Whether the name has letters an ASCII keyboard lacks (the directory also knows its folded spelling). */
  boolean accented() {
    return !Values.fold(full()).equals(full());
  }

  Account account() {
    return Account.newBuilder()
        .setSource("slack:eval")
        .setKind("slack")
        .setAccountId(id)
        .setNamespace("T0EVAL")
        .setHandle(handle)
        .setRealName(full())
        .setFirstName(first)
        .setLastName(last)
        .setEmail(email)
        .setPhone(phoneInternational())
        .build();
  }

  static String handleOf(int index, String first, String last) {
    String f = Values.ascii(first);
    String l = Values.ascii(last);
    return switch (index % 3) {
      case 0 -> f + "." + l.charAt(0);
      case 1 -> f.charAt(0) + l;
      default -> f + l.substring(0, 2);
    };
  }

  static String emailOf(String first, String last, String domain) {
    return (Values.ascii(first) + "." + Values.ascii(last)).toLowerCase(Locale.ROOT) + "@" + domain;
  }
}
