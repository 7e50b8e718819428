package vnsearch;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on loopback for vnsearch's tests and for trying the Solr backend: an embedded
 * ZooKeeper and N Solr nodes (Solr's own MiniSolrCloudCluster), in one JVM.
 *
 * <p>It prints one JSON line when ready, with the ZooKeeper address and each node's base URL, and
 * then obeys lines on stdin: "stop I" and "start I" (node I, from 0, back on its own port), and
 * "quit". Each command is answered with one JSON line, so a test can kill a node under load and
 * bring it back. End of input shuts the cluster down too: the JVM never outlives its test.
 */
public final class SolrCloud {
  private SolrCloud() {}

  public static void main(String[] args) throws Exception {
    int nodes = 2;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--nodes")) nodes = Integer.parseInt(args[++i]);
      else if (args[i].equals("--dir")) dir = Path.of(args[++i]);
    }
    if (dir == null) dir = Files.createTempDirectory("vnsearch-solrcloud");
    Files.createDirectories(dir);
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
    List<JettySolrRunner> runners = new ArrayList<>(cluster.getJettySolrRunners());
    say("ready", -1, cluster, runners);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    try {
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        String[] parts = line.trim().split("\\s+");
        try {
          if (parts[0].equals("quit")) break;
          int node = Integer.parseInt(parts[1]);
          if (parts[0].equals("stop")) {
            cluster.stopJettySolrRunner(runners.get(node));
            cluster.waitForJettyToStop(runners.get(node));
            say("stopped", node, cluster, runners);
          } else if (parts[0].equals("start")) {
            JettySolrRunner back = cluster.startJettySolrRunner(runners.get(node), true);
            cluster.waitForNode(back, 60);
            runners.set(node, back);
            say("started", node, cluster, runners);
          } else {
            error("unknown command: " + line);
          }
        } catch (Exception e) {
          error(line + ": " + e);
        }
      }
    } finally {
      cluster.shutdown();
      System.out.println("{\"event\": \"down\"}");
      System.out.flush();
    }
  }

  private static void say(String event, int node, MiniSolrCloudCluster cluster, List<JettySolrRunner> runners) {
    StringBuilder out = new StringBuilder();
    out.append("{\"event\": \"").append(event).append("\", \"node\": ").append(node);
    out.append(", \"zk\": \"").append(cluster.getZkServer().getZkAddress()).append("\", \"nodes\": [");
    for (int i = 0; i < runners.size(); i++) {
      if (i > 0) out.append(", ");
      out.append('"').append(runners.get(i).getBaseUrl()).append('"');
    }
    out.append("]}");
    System.out.println(out);
    System.out.flush();
  }

  private static void error(String message) {
    System.out.println("{\"event\": \"error\", \"message\": \"" + message.replace("\\", "/").replace("\"", "'") + "\"}");
    System.out.flush();
  }
}
