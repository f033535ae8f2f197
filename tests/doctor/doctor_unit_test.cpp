// The doctor's pieces that need no server: server URLs taken apart, the
// steps that need no network (kubeconfig, context), and what a report says.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "client/doctor.hpp"
#include "client/server_address.hpp"

using namespace meshlings::k8s;

TEST_CASE("server URLs: default ports, IPv6, credentials and paths") {
    auto address = ServerAddress::parse("https://kube.example.com");
    REQUIRE(address);
    CHECK(address->host == "kube.example.com");
    CHECK(address->port == 443);
    CHECK_FALSE(address->ipLiteral());

    address = ServerAddress::parse("http://[::1]:8080/k8s/clusters/c-1");
    REQUIRE(address);
    CHECK(address->host == "::1");
    CHECK(address->port == 8080);
    CHECK(address->ipLiteral());
    CHECK(address->hostPort() == "[::1]:8080");
    CHECK(address->url() == "http://[::1]:8080/k8s/clusters/c-1");

    address = ServerAddress::parse("https://alice:secret@10.0.0.1:6443");
    REQUIRE(address);
    CHECK(address->url() == "https://10.0.0.1:6443");  // the password never prints

    CHECK_FALSE(ServerAddress::parse("kube.example.com:6443"));
    CHECK_FALSE(ServerAddress::parse("https://host:99999"));
    CHECK_FALSE(ServerAddress::parse("https://host:"));
    CHECK_FALSE(ServerAddress::parse("https://[::1"));
}

TEST_CASE("a report passes unless a step failed") {
    DoctorReport report;
    report.steps = {{DoctorStep::Kubeconfig, Verdict::Ok, "", ""},
                    {DoctorStep::TlsHandshake, Verdict::Warn, "", ""},
                    {DoctorStep::Prometheus, Verdict::Skip, "", ""}};
    CHECK(report.passed());
    report.steps.push_back({DoctorStep::Ingress, Verdict::Fail, "", ""});
    CHECK_FALSE(report.passed());
    REQUIRE(report.firstFailure());
    CHECK(report.firstFailure()->step == DoctorStep::Ingress);
    CHECK(std::string(stepName(DoctorStep::TlsHandshake)) == "TLS handshake");
    CHECK(std::string(verdictName(Verdict::Fail)) == "FAIL");
}

TEST_CASE("a broken kubeconfig stops the doctor at step 1 and skips what needs the server") {
    const auto path = std::filesystem::temp_directory_path() / "meshlings-doctor-unit.kubeconfig";
    std::ofstream(path) << "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: [oops\n";
    DoctorOptions options;
    options.connection.kubeconfig = path.string();
    std::vector<DoctorStep> heard;
    const DoctorReport report = Doctor(options).run([&](const StepResult& result) { heard.push_back(result.step); });
    std::filesystem::remove(path);

    CHECK(heard == Doctor::steps());
    REQUIRE(report.steps.size() == Doctor::steps().size());
    const StepResult& first = report.steps.front();
    CHECK(first.verdict == Verdict::Fail);
    CHECK(first.detail.find(path.string() + ":") == 0);  // names the file and its line
    CHECK_FALSE(first.hint.empty());
    for (std::size_t i = 1; i < report.steps.size(); ++i) CHECK(report.steps[i].verdict == Verdict::Skip);
}

TEST_CASE("the context step says who we are without printing the secret") {
    const auto path = std::filesystem::temp_directory_path() / "meshlings-doctor-unit-secret.kubeconfig";
    std::ofstream(path)
        << "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://no-such-host.invalid\n"
           "users:\n- name: u\n  user:\n    token: s3cr3t-t0ken\ncontexts:\n- name: x\n  context: {cluster: c, user: "
           "u}\n"
           "current-context: x\n";
    DoctorOptions options;
    options.connection.kubeconfig = path.string();
    const DoctorReport report = Doctor(options).run();
    std::filesystem::remove(path);

    const StepResult* context = report.find(DoctorStep::Context);
    REQUIRE(context);
    CHECK(context->verdict == Verdict::Ok);
    CHECK(context->detail.find("bearer token") != std::string::npos);
    CHECK(context->detail.find("namespace default") != std::string::npos);
    REQUIRE(report.firstFailure());
    CHECK(report.firstFailure()->step == DoctorStep::Resolve);
    for (const auto& step : report.steps) {
        CHECK(step.detail.find("s3cr3t") == std::string::npos);
        CHECK(step.hint.find("s3cr3t") == std::string::npos);
    }
}
