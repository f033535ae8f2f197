#pragma once
// The productpage fixtures in tests/mesh/pages: realistic answers of both
// templates (Istio >= 1.23 Tailwind and the older Bootstrap one), written
// from the facts in ../shared/docs/bookinfo-istio.md section 2.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace meshlings::mesh::testing {

inline std::string pageFixture(const std::string& name) {
    std::ifstream in(std::string(MESHLINGS_MESH_PAGES) + "/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("no page fixture " + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace meshlings::mesh::testing
