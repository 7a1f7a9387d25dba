/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs.embedded;

/** C's number parsing as xenstored uses it ({@code atoi}, {@code strtol(…, 0)}), so odd input is read the same way. */
final class CNumberParser {

    private CNumberParser() {
    }

    /** C {@code atoi}: leading blanks, optional sign, decimal digits; garbage gives 0; the long is cut to an int. */
    static int atoi(String text) {
        long[] parsed = strtol(text, 10);
        return (int) parsed[0];
    }

    /**
     * C {@code strtol(text, &end, 0)} followed by the check that the whole string was a number.
     *
     * @return the value, or null when {@code text} is empty or has trailing garbage
     */
    static Long strtolStrict(String text) {
        long[] parsed = strtol(text, 0);
        if (parsed[1] == 0 || parsed[2] != text.length()) {
            return null;
        }
        return parsed[0];
    }

    /** Returns {value, digits consumed (0 = none), end index}. Saturates like C on overflow. */
    private static long[] strtol(String s, int base) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart;
        if (base == 0) {
            if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            } else if (i < n && s.charAt(i) == '0') {
                base = 8;
            } else {
                base = 10;
            }
        }
        digitsStart = i;
        boolean overflow = false;
        long value = 0;
        while (i < n) {
            int digit = Character.digit(s.charAt(i), base);
            if (digit < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            if (!overflow) {
                try {
                    value = Math.addExact(Math.multiplyExact(value, base), digit);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new long[] {0, 0, 0};
        }
        long result = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -value : value);
        return new long[] {result, 1, i};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
