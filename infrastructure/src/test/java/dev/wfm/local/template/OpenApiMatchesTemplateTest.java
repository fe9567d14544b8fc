package dev.wfm.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** openapi.yaml documents exactly the routes template.yaml deploys. */
class OpenApiMatchesTemplateTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void everyDeployedRouteIsDocumentedAndNothingElse() throws Exception {
        Path templateFile = SamTemplate.locate(Path.of(""));
        Set<String> deployed = new TreeSet<>();
        SamTemplate.load(templateFile).functions().forEach(function -> function.routes().stream()
                .filter(route -> !"$default".equals(route.path()))
                .forEach(route -> deployed.add(route.routeKey())));

        Set<String> documented = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(templateFile.resolveSibling("openapi.yaml"))) {
            Map<String, Object> openapi = new Yaml().load(reader);
            SamTemplate.cast(openapi.get("paths")).forEach((path, operations) ->
                    SamTemplate.cast(operations).keySet().stream()
                            .filter(METHODS::contains)
                            .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        }
        assertEquals(deployed, documented);
    }
}
