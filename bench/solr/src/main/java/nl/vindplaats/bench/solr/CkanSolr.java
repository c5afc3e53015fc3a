package nl.vindplaats.bench.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Apache Solr with CKAN's core configuration, in a JVM of its own, on Solr's own embedded Jetty.
 *
 * <pre>java -cp ... nl.vindplaats.bench.solr.CkanSolr HOME PORT CONF [CORE]</pre>
 *
 * HOME is Solr's home (created when missing: a solr.xml and the core CORE, default {@code ckan}, with CONF, the
 * directory holding CKAN's schema.xml and the solrconfig.xml of CKAN's Solr image, or another core's
 * configuration such as {@code documents-conf}); the index lives in HOME/CORE/data and is kept between runs.
 * Serves http://localhost:PORT/solr/CORE/ until killed.
 */
public final class CkanSolr {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path conf = Path.of(args[2]);
        String coreName = args.length > 3 ? args[3] : "ckan";
        prepareHome(home, conf, coreName);

        JettySolrRunner solr = new JettySolrRunner(home.toString(), new Properties(),
                JettyConfig.builder().setPort(port).setContext("/solr").build());
        solr.start();
        System.out.println("solr ready on port " + solr.getLocalPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                solr.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The configuration is copied anew on every start, so that an edited schema is what runs. */
    private static void prepareHome(Path home, Path conf, String coreName) throws IOException {
        Path core = home.resolve(coreName);
        Files.createDirectories(core.resolve("conf"));
        Path solrXml = home.resolve("solr.xml");
        if (!Files.exists(solrXml)) {
            Files.writeString(solrXml, "<solr></solr>\n");
        }
        Files.writeString(core.resolve("core.properties"), "name=" + coreName + "\n");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(conf)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = core.resolve("conf").resolve(conf.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
