#include "simcluster/server/kubeconfig_writer.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace meshlings::sim {

std::string KubeconfigWriter::base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

std::string KubeconfigWriter::render(const std::string& server, const std::string& caCertificate,
                                     const std::vector<Identity>& identities) {
    std::string out =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: meshlings\n  cluster:\n    server: " + server + "\n";
    if (!caCertificate.empty()) out += "    certificate-authority-data: " + base64(caCertificate) + "\n";
    out += "contexts:\n";
    for (const auto& identity : identities) {
        out += "- name: " + identity.context + "\n  context:\n    cluster: meshlings\n    user: " + identity.user.name +
               "\n    namespace: default\n";
    }
    out += "current-context: " + (identities.empty() ? std::string("meshlings") : identities.front().context) + "\n";
    out += "users:\n";
    for (const auto& identity : identities) {
        out += "- name: " + identity.user.name + "\n";
        if (!identity.token.empty()) {
            out += "  user:\n    token: " + identity.token + "\n";
        } else if (!identity.clientCertificate.certificate.empty()) {
            out += "  user:\n    client-certificate-data: " + base64(identity.clientCertificate.certificate) +
                   "\n    client-key-data: " + base64(identity.clientCertificate.privateKey) + "\n";
        } else {
            out += "  user: {}\n";
        }
    }
    return out + "preferences: {}\n";
}

void KubeconfigWriter::writeFile(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) throw std::runtime_error("cannot write the kubeconfig to " + path + ": " + std::strerror(errno));
    // An existing file keeps its mode through O_CREAT; narrow it (not a pipe or terminal's).
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0 && (!S_ISREG(info.st_mode) || ::fchmod(fd, S_IRUSR | S_IWUSR) == 0);
    for (std::size_t done = 0; ok && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    const int savedErrno = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw std::runtime_error("cannot write the kubeconfig to " + path + ": " + std::strerror(savedErrno));
}

}  // namespace meshlings::sim
