package fr.cdapgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's structure, read from the compiled classes by the JDK's own {@code jdeps} (the command a reader can
 * run: {@code jdeps -verbose:package -filter:none target/classes}):
 * <ul>
 * <li>the packages form a ladder: no cycle among them, whatever its length;</li>
 * <li>Camel is the business of the edge ({@code edge}), of each feature's adapters ({@code *.routes}) and of the
 * CDAP simulator (a stand-in backend built on Camel): the rules are Camel-free.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String ROOT = "fr.cdapgateway";

    /** Each of the application's packages, and the packages (ours or not) it uses. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readTheCompiledClasses() {
        Path classes = Path.of("target", "classes");
        assertThat(Files.isDirectory(classes)).as("compiled classes at " + classes.toAbsolutePath()).isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(exit).as("jdeps: " + err).isZero();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(ROOT)) {
                USES.computeIfAbsent(words[0], p -> new TreeSet<>()).add(words[2]);
            }
        }
        assertThat(USES).as("jdeps found the application's packages").containsKeys(ROOT + ".api", ROOT + ".edge");
    }

    @Test
    void thePackagesFormALadder() {
        assertThat(cycles()).as("package cycles (each listed as its packages)").isEmpty();
    }

    @Test
    void onlyTheEdgeTheAdaptersAndTheSimulatorKnowCamel() {
        List<String> camelAware = USES.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(used -> used.startsWith("org.apache.camel")))
                .map(Map.Entry::getKey)
                .filter(p -> !p.equals(ROOT + ".edge") && !p.endsWith(".routes") && !p.equals(ROOT + ".simulator"))
                .toList();
        assertThat(camelAware).as("rule packages that use Camel").isEmpty();
    }

    @Test
    void theKernelDependsOnNothingOfTheApplication() {
        assertThat(USES.get(ROOT + ".api")).as("what the kernel (api) uses of the application")
                .noneMatch(p -> p.startsWith(ROOT + ".") && !p.equals(ROOT + ".api"));
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles() {
        Map<String, Set<String>> ours = new TreeMap<>();
        USES.forEach((from, to) -> ours.put(from, to.stream()
                .filter(p -> p.startsWith(ROOT) && !p.equals(from)).collect(TreeSet::new, Set::add, Set::addAll)));
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : ours.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, ours, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
