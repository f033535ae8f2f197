#!/usr/bin/env python3
"""Writes openapi_definitions.json: the OpenAPI definitions of the kinds the
built-in cluster serves, which it publishes at /openapi/v2 and /openapi/v3
(kubectl explain, apply, diff, edit) and checks fieldValidation against.

Sources (both Apache-2.0):
  KUBERNETES  Kubernetes 1.32's api/openapi-spec/swagger.json, as shipped in
              kubernetes-client/python v32.0.1 at kubernetes/swagger.json.unprocessed
  ISTIO       istio/api 1.24.2 kubernetes/customresourcedefinitions.gen.yaml
Only the definitions reachable from the served kinds are kept. The Istio
kinds get apiVersion, kind and metadata as the apiserver adds them to a CRD's
published schema.

Usage: make_openapi.py KUBERNETES ISTIO > openapi_definitions.json
"""
import json
import sys

import yaml

CORE = "io.k8s.api.core.v1."
ROOTS = [CORE + k for k in ("Pod", "Service", "Endpoints", "Event", "Namespace", "Node", "ServiceAccount", "ConfigMap")]
ROOTS += [
    "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.ReplicaSet", "io.k8s.api.discovery.v1.EndpointSlice",
    "io.k8s.api.authorization.v1.SelfSubjectAccessReview", "io.k8s.api.authorization.v1.SelfSubjectRulesReview",
    "io.k8s.api.authentication.v1.SelfSubjectReview", "io.k8s.api.rbac.v1.Role", "io.k8s.api.rbac.v1.RoleBinding",
    "io.k8s.api.policy.v1.PodDisruptionBudget", "io.k8s.api.policy.v1.Eviction", "io.k8s.api.autoscaling.v1.Scale",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
]
ISTIO_KINDS = ("VirtualService", "DestinationRule", "Gateway")
META = "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


def reachable(definitions, roots):
    seen = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    name = value.split("/")[-1]
                    if name not in seen:
                        seen.add(name)
                        walk(definitions[name])
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for root in roots:
        seen.add(root)
        walk(definitions[root])
    return seen


def istio_definitions(path):
    out = {}
    with open(path) as f:
        for crd in yaml.safe_load_all(f):
            if not crd or crd["spec"]["group"] != "networking.istio.io":
                continue
            kind = crd["spec"]["names"]["kind"]
            if kind not in ISTIO_KINDS:
                continue
            versions = [v for v in crd["spec"]["versions"] if v.get("served")]
            schema = versions[0]["schema"]["openAPIV3Schema"]
            schema["properties"] = {
                "apiVersion": {"type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."},
                "kind": {"type": "string", "description": "Kind is a string value representing the REST resource this object represents."},
                "metadata": {"$ref": META, "description": "Standard object's metadata."},
                **schema["properties"],
            }
            schema["x-kubernetes-group-version-kind"] = [
                {"group": "networking.istio.io", "version": v["name"], "kind": kind} for v in versions]
            out["io.istio.networking." + kind] = schema
    return out


def main():
    kubernetes = json.load(open(sys.argv[1]))["definitions"]
    lists = [r + "List" for r in ROOTS if r + "List" in kubernetes]
    names = reachable(kubernetes, ROOTS + lists)
    definitions = {name: kubernetes[name] for name in names}
    definitions.update(istio_definitions(sys.argv[2]))
    # One definition a line, so a diff shows which kinds changed.
    lines = [json.dumps(name) + ":" + json.dumps(definitions[name], sort_keys=True, separators=(",", ":"))
             for name in sorted(definitions)]
    sys.stdout.write('{"definitions":{\n' + ",\n".join(lines) + "\n}}\n")


if __name__ == "__main__":
    main()
