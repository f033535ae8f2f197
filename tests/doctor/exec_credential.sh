#!/usr/bin/env bash
# A kubeconfig exec credential plugin for the doctor test: prints an
# ExecCredential (client.authentication.k8s.io/v1) carrying the token in
# $MESHLINGS_TEST_TOKEN, or fails with a message on stderr when it is unset.
if [[ -z "${MESHLINGS_TEST_TOKEN:-}" ]]; then
    echo "exec_credential.sh: not logged in (MESHLINGS_TEST_TOKEN is not set)" >&2
    exit 3
fi
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}\n' "$MESHLINGS_TEST_TOKEN"
