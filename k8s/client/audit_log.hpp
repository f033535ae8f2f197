#pragma once
// The audit log: one JSON line per API call that changes anything (every
// method but GET), dry-run or not, written by the KubeClient itself so no
// call path can skip it. A line holds the time (RFC 3339, UTC), the context,
// server and namespace, the verb (HTTP method and Kubernetes verb), the
// object (resource/name), whether it was a dry run, a summary of the body
// and the result (HTTP status and reason, or the transport error and, for a
// write whose answer was lost, what reading the object back found). The
// summary reads the same fields whatever the body's form (an object, a merge
// patch, or a JSON patch's operations): the kind and name created, replicas,
// each route's weights, timeout and retries, a DestinationRule's subsets and
// trafficPolicy numbers, and the preconditions (resourceVersion, uid); never
// tokens, keys, certificates or Secret data: only those fields are read.
// Thread-safe; a client gets it through RestConfig::audit.
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

namespace meshlings::k8s {

struct RestConfig;

class AuditLog {
public:
    // Appends to `file`, creating its folder; throws std::runtime_error naming the file.
    explicit AuditLog(std::filesystem::path file);

    // $XDG_STATE_HOME/meshlings/audit.jsonl, else ~/.local/state/meshlings/audit.jsonl;
    // throws std::runtime_error when neither variable is set.
    static std::filesystem::path defaultPath();

    // One request sent: `status` 0 with `transportError` when no HTTP answer came, and then
    // `outcome` what reading the object back found ("answer lost; read back: applied").
    void record(const RestConfig& config, const std::string& method, const std::string& path, const std::string& body,
                long status, const std::string& replyBody, const std::string& transportError,
                const std::string& outcome = {});

    const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
    std::mutex m_mutex;
    std::ofstream m_out;
};

}  // namespace meshlings::k8s
