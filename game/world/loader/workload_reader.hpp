#pragma once
// Reads the cluster side of a level file: the Deployments' starting state
// (`setup`), the changes the level makes by itself (`script`) and the reviews
// traffic weights at the start (`weights`). Checks every name against
// Bookinfo's Deployments and every annotation against the behaviour knobs
// the built-in cluster understands (k8s/simcluster/workload_profile.hpp).

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "world/level/level.hpp"
#include "world/loader/yaml_field.hpp"

namespace meshlings::world {

class WorkloadReader {
public:
    static constexpr std::array<std::string_view, 6> kDeployments{"details-v1", "productpage-v1", "ratings-v1",
                                                                  "reviews-v1", "reviews-v2",     "reviews-v3"};
    static constexpr std::array<std::string_view, 3> kVersions{"v1", "v2", "v3"};
    static constexpr std::array<std::string_view, 3> kAnnotations{
        "meshlings.dev/error-rate", "meshlings.dev/latency-ms", "meshlings.dev/startup-seconds"};
    static constexpr std::array<std::string_view, 3> kSetupKeys{"deployment", "replicas", "annotations"};
    static constexpr std::array<std::string_view, 4> kScriptKeys{"at-second", "deployment", "replicas", "annotations"};
    static constexpr int kMaxReplicas = 100;

    // One `setup` entry.
    static WorkloadSetup readSetup(const YamlField& field);
    // One `script` entry; `timeLimitSeconds` (0: none) bounds `at-second`.
    static ScriptedChange readChange(const YamlField& field, int timeLimitSeconds);
    // `weights`: v1/v2/v3 to whole percentages summing to 100.
    static std::map<std::string, int> readWeights(const YamlField& field);
    // The whole `setup` list, each deployment at most once.
    static std::vector<WorkloadSetup> readSetupList(const YamlField& field);
    // A Bookinfo deployment name.
    static std::string readDeployment(const YamlField& field);

private:
    static std::map<std::string, std::string> readAnnotations(const YamlField& field);
    static void checkAnnotationValue(const std::string& key, const YamlField& value);
};

}  // namespace meshlings::world
