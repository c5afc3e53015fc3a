package nl.vindplaats.bench.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Apache Solr with CKAN's core configuration, in a JVM of its own, on Solr's own embedded Jetty.
 *
 * <pre>java -cp ... nl.vindplaats.bench.solr.CkanSolr HOME PORT CONF</pre>
 *
 * HOME is Solr's home (created when missing: a solr.xml and the core {@code ckan} with CONF, the
 * directory holding CKAN's schema.xml and the solrconfig.xml of CKAN's Solr image); the index lives in
 * HOME/ckan/data and is kept between runs. Serves http://localhost:PORT/solr/ckan/ until killed.
 */
public final class CkanSolr {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path conf = Path.of(args[2]);
        prepareHome(home, conf);

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
    private static void prepareHome(Path home, Path conf) throws IOException {
        Path core = home.resolve("ckan");
        Files.createDirectories(core.resolve("conf"));
        Path solrXml = home.resolve("solr.xml");
        if (!Files.exists(solrXml)) {
            Files.writeString(solrXml, "<solr></solr>\n");
        }
        Files.writeString(core.resolve("core.properties"), "name=ckan\n");
        for (String file : new String[] {"schema.xml", "solrconfig.xml", "synonyms.txt", "protwords.txt"}) {
            Files.copy(conf.resolve(file), core.resolve("conf").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
