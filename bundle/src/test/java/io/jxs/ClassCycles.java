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

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the strongly connected components of the dependency graph between the top-level classes of
 * one package (a nested, inner or anonymous class counts as its top-level class): every component of
 * more than one class is a cycle, reported with its classes and one cycle through them.
 */
final class ClassCycles extends ArchCondition<JavaClass> {
    private final String packageName;
    private final Set<String> ignoredEdges;
    private final Map<String, Set<String>> edges = new TreeMap<>();

    /**
     * Creates the condition.
     *
     * @param packageName the package whose classes are checked; dependencies leaving it are not followed
     * @param ignoredEdges dependencies left out, each {@code "From -> To"} in simple names; each must exist
     */
    ClassCycles(String packageName, Set<String> ignoredEdges) {
        super("be free of class cycles inside their package");
        this.packageName = packageName;
        this.ignoredEdges = ignoredEdges;
    }

    @Override
    public void init(Collection<JavaClass> classes) {
        edges.clear();
        for (JavaClass javaClass : classes) {
            String from = topLevelName(javaClass);
            edges.computeIfAbsent(from, name -> new TreeSet<>());
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (target.getPackageName().equals(packageName)) {
                    String to = topLevelName(target);
                    if (!to.equals(from)) {
                        edges.get(from).add(to);
                    }
                }
            }
        }
    }

    @Override
    public void check(JavaClass item, ConditionEvents events) {
        // All is decided in finish(), over the whole graph.
    }

    @Override
    public void finish(ConditionEvents events) {
        for (String edge : ignoredEdges) {
            String[] ends = edge.split(" -> ");
            if (!edges.getOrDefault(ends[0], Set.of()).remove(ends[1])) {
                events.add(SimpleConditionEvent.violated(edge, "the ignored dependency " + edge
                        + " no longer exists: take it out of the rule's exceptions"));
            }
        }
        for (List<String> component : stronglyConnectedComponents()) {
            if (component.size() > 1) {
                events.add(SimpleConditionEvent.violated(component, "class cycle among " + component.size()
                        + " classes " + component + ", for example " + String.join(" -> ", cycleThrough(component))));
            }
        }
    }

    private static String topLevelName(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getSimpleName();
    }

    /** Tarjan's algorithm, iterative over the sorted graph so that the report is stable. */
    private List<List<String>> stronglyConnectedComponents() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowLink = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String root : edges.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, Iterator<String>>> path = new ArrayDeque<>();
            visit(root, index, lowLink, stack, onStack, path);
            while (!path.isEmpty()) {
                Map.Entry<String, Iterator<String>> top = path.peek();
                String node = top.getKey();
                if (top.getValue().hasNext()) {
                    String next = top.getValue().next();
                    if (!index.containsKey(next)) {
                        visit(next, index, lowLink, stack, onStack, path);
                    } else if (onStack.contains(next)) {
                        lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                    }
                    continue;
                }
                path.pop();
                if (!path.isEmpty()) {
                    String parent = path.peek().getKey();
                    lowLink.put(parent, Math.min(lowLink.get(parent), lowLink.get(node)));
                }
                if (lowLink.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    component.sort(null);
                    components.add(component);
                }
            }
        }
        return components;
    }

    private void visit(String node, Map<String, Integer> index, Map<String, Integer> lowLink, Deque<String> stack,
            Set<String> onStack, Deque<Map.Entry<String, Iterator<String>>> path) {
        index.put(node, index.size());
        lowLink.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        path.push(Map.entry(node, edges.getOrDefault(node, Set.of()).iterator()));
    }

    /** The shortest cycle from the component's first class back to it, staying inside the component. */
    private List<String> cycleThrough(List<String> component) {
        String start = component.get(0);
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = node; !at.equals(start); at = cameFrom.get(at)) {
                        cycle.add(1, at);
                    }
                    cycle.add(start);
                    return cycle;
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, node);
                    queue.add(next);
                }
            }
        }
        return component;
    }
}
