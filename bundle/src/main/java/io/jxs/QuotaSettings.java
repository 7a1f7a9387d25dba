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
package io.jxs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quota limits of a C xenstored, as its {@code CONTROL quota} reply lists them (one line each,
 * {@code nodes            :     1000 Nodes per domain}).
 *
 * @param limits each limit by its name ({@code nodes}, {@code watches}, {@code node-size}, ...), in the
 *     daemon's order
 */
public record QuotaSettings(Map<String, Integer> limits) {
    private static final String HEADER = "Quota settings:";
    private static final Pattern LINE = Pattern.compile("(\\S+)\\s*:\\s*(-?\\d+)(?:\\s.*)?");

    /**
     * Copies the limits, keeping their order.
     *
     * @throws NullPointerException when {@code limits} is null
     */
    public QuotaSettings {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /**
     * Returns the limit of a quota.
     *
     * @param quota the quota
     * @return its limit, or empty when the daemon did not list it
     */
    public OptionalInt limit(Quota quota) {
        Integer limit = limits.get(quota.controlName());
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /**
     * Parses C xenstored's reply to {@code CONTROL quota}.
     *
     * @param reply the reply text
     * @return the limits
     * @throws UnexpectedPacketException when the reply is not a list of quota settings (oxenstored answers
     *     {@code OK} and lists nothing)
     */
    public static QuotaSettings parse(String reply) {
        String[] lines = reply.split("\n");
        if (!lines[0].equals(HEADER)) {
            throw new UnexpectedPacketException("CONTROL quota answered '" + reply.strip()
                    + "' instead of the quota settings (oxenstored does not report them)");
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new UnexpectedPacketException("CONTROL quota answered the line '" + lines[i] + "'");
            }
            limits.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return new QuotaSettings(limits);
    }
}
