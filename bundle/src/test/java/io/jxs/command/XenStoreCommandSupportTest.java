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
package io.jxs.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class XenStoreCommandSupportTest {

    @Test
    void withoutTheServiceACommandSaysHowToConnect() {
        ReadCommand command = new ReadCommand();
        command.paths = List.of("/x");
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertEquals(XenStoreCommandSupport.NOT_CONNECTED, e.getMessage());
    }
}
