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

import java.util.List;

/**
 * C xenstored 4.17's {@code CONTROL live-update} as answered while no live-update session is open, which is always
 * the case here: the store cannot replace itself, so it never opens one.
 */
final class LiveUpdate {

    private LiveUpdate() {
    }

    /**
     * C's {@code do_control_lu} without a session.
     *
     * @param args the arguments after {@code live-update}, at most 4 (C ignores more)
     * @return the text C answers
     * @throws ErrnoException EINVAL for arguments C rejects, and for {@code -f FILE}, which would open a session
     */
    static String answer(List<String> args) {
        if (args.isEmpty()) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
        int num = args.size();
        switch (args.get(0)) {
            case "-a":
                requireArguments(num == 1);
                return "No live-update session active.";
            case "-c":
                requireArguments(num == 2);
                return "Not in live-update session.";
            case "-s":
                for (int i = 1; i < num; i++) {
                    if (args.get(i).equals("-t") && i < num - 1) {
                        i++;
                    } else {
                        requireArguments(args.get(i).equals("-F"));
                    }
                }
                return "Not in live-update session.";
            default:
                throw new ErrnoException(ErrnoException.EINVAL);
        }
    }

    private static void requireArguments(boolean right) {
        if (!right) {
            throw new ErrnoException(ErrnoException.EINVAL);
        }
    }
}
