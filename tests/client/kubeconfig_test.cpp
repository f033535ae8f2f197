// The kubeconfig loader against kubectl's rules: merging several files,
// relative paths, the namespace chain, validation, and errors that name the
// file, line and field without quoting secrets.
#include "client/kubeconfig.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "client/base64.hpp"
#include "client/config_error.hpp"
#include "client/rest_config.hpp"

using namespace meshlings::k8s;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("meshlings-kubeconfig-" + std::to_string(std::rand()) +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
};

std::string configText(const std::string& cluster, const std::string& server, const std::string& user,
                       const std::string& token, const std::string& context, const std::string& current) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server +
           "\nusers:\n- name: " + user + "\n  user:\n    token: " + token + "\ncontexts:\n- name: " + context +
           "\n  context:\n    cluster: " + cluster + "\n    user: " + user + "\n" +
           (current.empty() ? "" : "current-context: " + current + "\n");
}

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the first file to name an entry or set current-context wins, as kubectl merges KUBECONFIG") {
    TempDir dir;
    const auto first = dir.write("a", configText("shared", "https://first:6443", "alice", "first-token", "one", "one"));
    const auto second =
        dir.write("b", configText("shared", "https://second:6443", "bob", "second-token", "two", "two"));
    const auto merged = Kubeconfig::load({first, dir.path.string() + "/missing", second}, false);
    CHECK(merged.files().size() == 2);
    CHECK(merged.currentContext() == "one");
    CHECK(merged.clusters().at("shared").server == "https://first:6443");
    CHECK(merged.users().count("bob") == 1);
    CHECK(merged.contexts().count("two") == 1);

    ConnectionOptions options;
    options.context = "two";
    const auto config = restConfigFor(merged, options);
    CHECK(config.server == "https://first:6443");  // context two's cluster "shared" came from the first file
    CHECK(config.token == "second-token");
    CHECK(config.nameSpace == "default");
}

TEST_CASE("KUBECONFIG lists files with ':' and --kubeconfig wins over it") {
    TempDir dir;
    const auto a = dir.write("a", configText("c", "https://a:1", "u", "t", "x", "x"));
    const auto b = dir.write("b", configText("c", "https://b:1", "u", "t", "x", "x"));
    setenv("KUBECONFIG", (a + ":" + b + ":" + a).c_str(), 1);
    bool mustExist = true;
    CHECK(kubeconfigFiles({}, mustExist) == std::vector<std::string>{a, b, a});
    CHECK_FALSE(mustExist);
    CHECK(resolveRestConfig({}).server == "https://a:1");
    ConnectionOptions explicitFile;
    explicitFile.kubeconfig = b;
    CHECK(resolveRestConfig(explicitFile).server == "https://b:1");
    explicitFile.kubeconfig = dir.path.string() + "/nope";
    CHECK(errorOf([&] { resolveRestConfig(explicitFile); }).find("nope: no such kubeconfig file") != std::string::npos);
    unsetenv("KUBECONFIG");
}

TEST_CASE("namespace comes from --namespace, else the context, else default") {
    const auto config = Kubeconfig::parse(
        "clusters: [{name: c, cluster: {server: 'https://h:1'}}]\n"
        "contexts: [{name: x, context: {cluster: c, namespace: shop}}, {name: y, context: {cluster: c}}]\n"
        "current-context: x\n",
        "inline");
    CHECK(restConfigFor(config, {}).nameSpace == "shop");
    CHECK(restConfigFor(config, {"", "y", ""}).nameSpace == "default");
    CHECK(restConfigFor(config, {"", "x", "bookinfo"}).nameSpace == "bookinfo");
    CHECK(restConfigFor(config, {}).authMethod() == "none");
}

TEST_CASE("relative paths resolve against the kubeconfig's directory and data fields win over paths") {
    TempDir dir;
    dir.write("ca.pem", "CA FROM FILE");
    const auto file = dir.write(
        "config",
        "clusters:\n- name: c\n  cluster:\n    server: https://h:1\n    certificate-authority: ca.pem\n"
        "- name: d\n  cluster:\n    server: https://h:2\n    certificate-authority: ca.pem\n"
        "    certificate-authority-data: " +
            base64::encode("CA FROM DATA") +
            "\n"
            "contexts:\n- name: x\n  context: {cluster: c}\n- name: y\n  context: {cluster: d}\ncurrent-context: x\n");
    ConnectionOptions options;
    options.kubeconfig = file;
    CHECK(resolveRestConfig(options).caPem == "CA FROM FILE");
    options.context = "y";
    CHECK(resolveRestConfig(options).caPem == "CA FROM DATA");
}

TEST_CASE("bad kubeconfigs give errors naming file, line and field, never the secret") {
    CHECK(errorOf([] { Kubeconfig::parse("clusters: [\n  {name: x\n", "k.yaml"); }).rfind("k.yaml:", 0) == 0);
    const auto badData = errorOf(
        [] { Kubeconfig::parse("users:\n- name: u\n  user:\n    client-key-data: '!!notbase64!!'\n", "k.yaml"); });
    CHECK(badData.find("k.yaml:4: users[0].user.client-key-data: is not valid base64") != std::string::npos);
    CHECK(badData.find("notbase64") == std::string::npos);
    CHECK(errorOf([] { Kubeconfig::parse("clusters: {a: b}\n", "k.yaml"); }).find("clusters: expected a list") !=
          std::string::npos);
    CHECK(errorOf([] {
              Kubeconfig::parse("users:\n- name: u\n  user:\n    token: [a, b]\n", "k.yaml");
          }).find("users[0].user.token: expected a string") != std::string::npos);
    CHECK(errorOf([] { Kubeconfig::parse("kind: Pod\n", "k.yaml"); }).find("expected Config") != std::string::npos);

    const auto twoMethods = Kubeconfig::parse(
        "clusters: [{name: c, cluster: {server: 'https://h:1'}}]\nusers: [{name: u, user: {token: s3cret, username: a, "
        "password: b}}]\n"
        "contexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n",
        "k.yaml");
    const auto message = errorOf([&] { restConfigFor(twoMethods, {}); });
    CHECK(message.find("more than one authentication method") != std::string::npos);
    CHECK(message.find("s3cret") == std::string::npos);

    const auto insecureWithCa = Kubeconfig::parse(
        "clusters: [{name: c, cluster: {server: 'https://h:1', insecure-skip-tls-verify: true, "
        "certificate-authority-data: " +
            base64::encode("x") + "}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x\n",
        "k.yaml");
    CHECK(errorOf([&] { restConfigFor(insecureWithCa, {}); }).find("insecure flag is not allowed") !=
          std::string::npos);
    const auto noContext = Kubeconfig::parse("clusters: []\n", "k.yaml");
    CHECK(errorOf([&] { restConfigFor(noContext, {}); }).find("no current-context") != std::string::npos);
    CHECK(errorOf([&] {
              restConfigFor(noContext, {"", "ghost", ""});
          }).find("context \"ghost\" does not exist") != std::string::npos);
}

TEST_CASE("exec plugins need a supported apiVersion and, for v1, interactiveMode") {
    const auto v1 = Kubeconfig::parse(
        "clusters: [{name: c, cluster: {server: 'https://h:1'}}]\n"
        "users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: cred}}},"
        " {name: w, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: cred, args: [--a], env: "
        "[{name: K, value: V}]}}}]\n"
        "contexts: [{name: x, context: {cluster: c, user: u}}, {name: y, context: {cluster: c, user: "
        "w}}]\ncurrent-context: x\n",
        "k.yaml");
    CHECK(errorOf([&] { restConfigFor(v1, {}); }).find("interactiveMode is required") != std::string::npos);
    const auto beta = restConfigFor(v1, {"", "y", ""});
    REQUIRE(beta.exec);
    CHECK(beta.exec->interactiveMode == "IfAvailable");
    CHECK(beta.exec->args == std::vector<std::string>{"--a"});
    CHECK(beta.exec->env.at(0).second == "V");
    CHECK(beta.authMethod() == "exec plugin cred");
}

TEST_CASE("in-cluster config reads the service account's token, CA and namespace") {
    TempDir dir;
    dir.write("token", "sa-token\n");
    dir.write("ca.crt", "SA CA");
    dir.write("namespace", "chaos\n");
    unsetenv("KUBERNETES_SERVICE_HOST");
    CHECK_FALSE(inClusterConfig(dir.path.string()));
    setenv("KUBERNETES_SERVICE_HOST", "fd00::1", 1);
    setenv("KUBERNETES_SERVICE_PORT", "443", 1);
    auto config = inClusterConfig(dir.path.string());
    REQUIRE(config);
    CHECK(config->server == "https://[fd00::1]:443");
    CHECK(config->token == "sa-token");
    CHECK(config->caPem == "SA CA");
    CHECK(config->nameSpace == "chaos");
    setenv("POD_NAMESPACE", "other", 1);
    CHECK(inClusterConfig(dir.path.string())->nameSpace == "other");
    unsetenv("POD_NAMESPACE");
    unsetenv("KUBERNETES_SERVICE_HOST");
    unsetenv("KUBERNETES_SERVICE_PORT");
}

TEST_CASE("base64 round-trips and rejects what is not base64") {
    for (const std::string text : {"", "a", "ab", "abc", "abcd", "-----BEGIN CERTIFICATE-----\n"}) {
        CHECK(base64::decode(base64::encode(text)) == text);
    }
    CHECK(base64::decode("aGVs\nbG8=") == std::string("hello"));
    CHECK_FALSE(base64::decode("a$b"));
    CHECK_FALSE(base64::decode("a"));
}
