package dev.keyward.app.doors;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link ForwardAuthGatewayTest} with Debian's nginx and {@code auth_request}, configured as the README shows. */
@MicronautTest(transactional = false)
class ForwardAuthNginxIT extends ForwardAuthGatewayTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @Override
    Path executable() {
        return NGINX;
    }

    @Override
    String installHint() {
        return "install Debian's nginx (built with auth_request) with `apt-get install -y nginx`";
    }

    @Override
    Process start(Path dir, int listen, int keyward, int upstreamPort) throws IOException {
        Files.writeString(dir.resolve("nginx.conf"), configuration(dir, listen, keyward, upstreamPort));
        return new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.out").toFile()).start();
    }

    /** The nginx snippet of the README, with the paths and ports of this run. */
    private static String configuration(Path dir, int listen, int keyward, int upstreamPort) {
        String d = dir.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                  access_log %1$s/access.log;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  server {
                    listen 127.0.0.1:%2$d;
                    location /alerts/ {
                      auth_request /_keyward/alerts;
                      auth_request_set $keyward_id $upstream_http_x_keyward_token_id;
                      auth_request_set $keyward_name $upstream_http_x_keyward_token_name;
                      auth_request_set $keyward_permissions $upstream_http_x_keyward_permissions;
                      auth_request_set $keyward_plan $upstream_http_x_keyward_meta_plan;
                      proxy_set_header X-Keyward-Token-Id $keyward_id;
                      proxy_set_header X-Keyward-Token-Name $keyward_name;
                      proxy_set_header X-Keyward-Permissions $keyward_permissions;
                      proxy_set_header X-Keyward-Meta-Plan $keyward_plan;
                      proxy_set_header X-API-Key "";
                      proxy_set_header Authorization "";
                      proxy_pass http://127.0.0.1:%4$d;
                    }
                    location /rules/ {
                      auth_request /_keyward/rules;
                      proxy_pass http://127.0.0.1:%4$d;
                    }
                    location = /_keyward/alerts {
                      internal;
                      proxy_pass http://127.0.0.1:%3$d/forward-auth?require=AlertRead;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                    location = /_keyward/rules {
                      internal;
                      proxy_pass http://127.0.0.1:%3$d/forward-auth?require=RuleRead;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                  }
                }
                """.formatted(d, listen, keyward, upstreamPort);
    }
}
