#!/usr/bin/env bash
# Installs the Debian 12 packages Tributary builds, tests and demos with.
# Idempotent: packages already present are not touched, and apt-get runs only when one is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  # libraries (docs/dependencies.md says why each one is here)
  librocksdb-dev liblz4-dev libzstd-dev libxxhash-dev libfmt-dev libspdlog-dev
  libcpp-httplib-dev libssl-dev nlohmann-json3-dev librdkafka-dev libsimdjson-dev
  libavro-dev libcurl4-openssl-dev libroaring-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # test peers: real MySQL clients
  curl mariadb-client python3-pymysql python3-mysqldb python3-pytest
  # test peers: Kafka clients nobody here wrote, against tools/kafka_test_cluster
  kcat python3-confluent-kafka
  # test peer: Avro records written by the Apache Avro project's Python library
  python3-avro
)

exec "$(dirname "$0")/apt_install.sh" setup "${PACKAGES[@]}"
