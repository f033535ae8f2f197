// Exec credential plugins: what the plugin is given (args, env,
// KUBERNETES_EXEC_INFO), caching until expirationTimestamp, a new run after
// invalidate (a 401), and clear errors for plugins that fail or print junk.
#include "client/exec_plugin.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "client/config_error.hpp"
#include "client/credentials.hpp"

using namespace meshlings::k8s;
namespace fs = std::filesystem;

namespace {

// A plugin script that counts its runs in a file next to it and prints a token
// that carries the run number, with the given expiry.
struct CountingPlugin {
    fs::path dir;
    CountingPlugin(const std::string& expiry, const std::string& body = "") {
        dir = fs::temp_directory_path() / ("meshlings-exec-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir);
        const std::string script =
            body.empty()
                ? "#!/bin/sh\n"
                  "n=$(($(cat \"$0.count\" 2>/dev/null || echo 0) + 1)); echo $n > \"$0.count\"\n"
                  "echo \"$KUBERNETES_EXEC_INFO\" > \"$0.info\"; echo \"$1 $MESHLINGS_TEST_ENV\" > \"$0.args\"\n"
                  "printf "
                  "'{\"apiVersion\":\"client.authentication.k8s.io/"
                  "v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"token-%s\"" +
                      (expiry.empty() ? std::string() : ",\"expirationTimestamp\":\"" + expiry + "\"") + "}}' $n\n"
                : body;
        std::ofstream(path()) << script;
        fs::permissions(path(), fs::perms::owner_all);
    }
    ~CountingPlugin() { fs::remove_all(dir); }
    std::string path() const { return (dir / "plugin.sh").string(); }
    std::string read(const char* suffix) const {
        std::ifstream in(path() + suffix);
        std::string text;
        std::getline(in, text);
        return text;
    }
    RestConfig config() const {
        RestConfig config;
        config.server = "https://127.0.0.1:6443";
        ExecConfig exec;
        exec.apiVersion = "client.authentication.k8s.io/v1";
        exec.command = path();
        exec.args = {"--flag"};
        exec.env = {{"MESHLINGS_TEST_ENV", "from-kubeconfig"}};
        exec.interactiveMode = "Never";
        exec.provideClusterInfo = true;
        config.exec = exec;
        return config;
    }
};

}  // namespace

TEST_CASE("an exec plugin runs once and its token is cached while it is valid") {
    CountingPlugin plugin("2999-01-01T00:00:00Z");
    Credentials credentials(plugin.config());
    CHECK(credentials.current().token == "token-1");
    CHECK(credentials.current().token == "token-1");
    CHECK(plugin.read(".count") == "1");
    CHECK(plugin.read(".args") == "--flag from-kubeconfig");
    const auto info = nlohmann::json::parse(plugin.read(".info"));
    CHECK(info["kind"] == "ExecCredential");
    CHECK(info["spec"]["interactive"] == false);
    CHECK(info["spec"]["cluster"]["server"] == "https://127.0.0.1:6443");

    CHECK(credentials.invalidate());  // as after a 401
    CHECK(credentials.current().token == "token-2");
}

TEST_CASE("an expired exec credential is fetched again") {
    CountingPlugin plugin("2001-01-01T00:00:00Z");
    Credentials credentials(plugin.config());
    CHECK(credentials.current().token == "token-1");
    CHECK(credentials.current().token == "token-2");
}

TEST_CASE("a failing or garbled plugin gives an error naming the plugin, without its output") {
    CountingPlugin failing("", "#!/bin/sh\necho 'login required: run my-login' >&2\necho secret-token\nexit 3\n");
    try {
        Credentials(failing.config()).current();
        FAIL("expected an error");
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        CHECK(message.find("exited with code 3: login required") != std::string::npos);
        CHECK(message.find("secret-token") == std::string::npos);
    }
    CountingPlugin garbled("", "#!/bin/sh\necho 'not json secret-token'\n");
    try {
        Credentials(garbled.config()).current();
        FAIL("expected an error");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find("did not print an ExecCredential") != std::string::npos);
        CHECK(std::string(e.what()).find("secret-token") == std::string::npos);
    }
    auto missing = failing.config();
    missing.exec->command = "/no/such/meshlings-plugin";
    missing.exec->installHint = "install it with apt";
    CHECK_THROWS_WITH_AS(Credentials(missing).current(), doctest::Contains("install it with apt"), ConfigError);
}

TEST_CASE("ExecCredential parsing checks kind, apiVersion, status and expiry") {
    const std::string v1 = "client.authentication.k8s.io/v1";
    CHECK(ExecPlugin::parse(
              R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t"}})", v1,
              "p")
              .token == "t");
    const auto cert = ExecPlugin::parse(
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"C","clientKeyData":"K"}})",
        v1, "p");
    CHECK(cert.clientCertPem == "C");
    CHECK_THROWS_WITH_AS(
        ExecPlugin::parse(
            R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t"}})",
            v1, "p"),
        doctest::Contains("asks for client.authentication.k8s.io/v1"), ConfigError);
    CHECK_THROWS_WITH_AS(
        ExecPlugin::parse(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{}})", v1,
                          "p"),
        doctest::Contains("neither a token"), ConfigError);
    CHECK_THROWS_WITH_AS(
        ExecPlugin::parse(
            R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t","expirationTimestamp":"soon"}})",
            v1, "p"),
        doctest::Contains("not an RFC 3339 time"), ConfigError);
    CHECK_THROWS_AS(ExecPlugin::parse("[1,2]", v1, "p"), ConfigError);
}
