package io.jxs.internal.command;

import io.jxs.Node;
import io.jxs.XenStore;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code xenstore:ls}: prints a subtree with its values, indented, as {@code xenstore-ls}. */
@Service
@Command(scope = XenStoreAction.SCOPE, name = "ls", description = "Prints a subtree with values, like xenstore-ls")
public class LsCommand extends XenStoreAction {
    @Argument(index = 0, name = "path", description = "The top of the subtree (default /)")
    @Completion(PathCompleter.class)
    String path = "/";

    @Override
    protected Object execute(XenStore store) {
        int depth = depth(path);
        try (Stream<Node> nodes = store.walk(path)) {
            nodes.filter(node -> !node.path().equals(path)).forEach(node -> {
                String name = node.path().substring(node.path().lastIndexOf('/') + 1);
                String indent = " ".repeat(depth(node.path()) - depth - 1);
                System.out.println(indent + name + " = \"" + printable(node.value()) + "\"");
            });
        }
        return null;
    }

    private static int depth(String path) {
        return "/".equals(path) ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }

    /** The value as text, with control and non-ASCII bytes escaped as xenstore-ls does. */
    static String printable(byte[] value) {
        StringBuilder text = new StringBuilder();
        for (byte b : value) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02x", c));
            }
        }
        return text.toString();
    }
}
