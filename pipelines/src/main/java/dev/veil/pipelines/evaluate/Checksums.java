package dev.veil.pipelines.evaluate;

import java.math.BigInteger;

/**
 * The check-digit schemes the evaluation set's structured values carry: Luhn (cards, Canadian SIN), ISO 7064 mod 97-10
 * (IBAN), the Dutch eleven test (BSN), the French NIR key, the Spanish DNI letter and Verhoeff (Aadhaar). Written from
 * the public specifications, independently of the detectors under evaluation.
 */
final class Checksums {
  private Checksums() {}

  /** The digit that makes {@code payload + digit} pass Luhn. */
  static int luhnDigit(String payload) {
    for (int d = 0; d <= 9; d++) {
      if (luhn(payload + d)) {
        return d;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int n = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      }
      sum += n;
    }
    return sum % 10 == 0;
  }

  /** The two IBAN check digits for a country and BBAN (upper case, no spaces). */
  static String ibanCheck(String country, String bban) {
    int rest = mod97(numeric(bban + country + "00"));
    return String.format(java.util.Locale.ROOT, "%02d", 98 - rest);
  }

  /** Whether a compact IBAN passes ISO 7064 mod 97-10. */
  static boolean ibanValid(String iban) {
    return mod97(numeric(iban.substring(4) + iban.substring(0, 4))) == 1;
  }

  private static String numeric(String s) {
    StringBuilder sb = new StringBuilder(s.length() * 2);
    for (char c : s.toCharArray()) {
      sb.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return sb.toString();
  }

  private static int mod97(String digits) {
    return new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
  }

  /** The Dutch "elfproef": 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
  static boolean bsnValid(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (nineDigits.charAt(i) - '0');
    }
    sum -= nineDigits.charAt(8) - '0';
    return sum % 11 == 0;
  }

  /** The French NIR key: 97 − (the 13-digit number mod 97). */
  static int nirKey(String thirteenDigits) {
    return 97 - new BigInteger(thirteenDigits).mod(BigInteger.valueOf(97)).intValue();
  }

  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

  /** The control letter of a Spanish DNI number (for an NIE, X/Y/Z read as 0/1/2 first). */
  static char dniLetter(long number) {
    return DNI_LETTERS.charAt((int) (number % 23));
  }

  private static final int[][] VERHOEFF_D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };
  private static final int[][] VERHOEFF_P = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
  };
  private static final int[] VERHOEFF_INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

  /** The Verhoeff check digit to append to {@code payload}. */
  static int verhoeffDigit(String payload) {
    int c = 0;
    for (int i = 0; i < payload.length(); i++) {
      int d = payload.charAt(payload.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][d]];
    }
    return VERHOEFF_INV[c];
  }

  static boolean verhoeffValid(String digits) {
    int c = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]];
    }
    return c == 0;
  }
}
