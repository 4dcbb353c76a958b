#!/usr/bin/env bash
# The repository's front door: `./cdc VERB …`. Builds the solution (Release) only when a source
# changed, quietly, then runs the verb. `test` and `bench` are launcher verbs; every other
# verb goes to the `cdc` program itself with stdin, stdout and the exit code untouched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ARTIFACTS="$ROOT/artifacts"
CDC_DLL="$ROOT/src/Cdc.Cli/bin/Release/net10.0/cdc.dll"
BENCH_DLL="$ROOT/bench/Cdc.Bench/bin/Release/net10.0/Cdc.Bench.dll"
NPM_DIRS=(tests/js bench/peer)

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# `./cdc test` reads dotnet test's summary lines: keep them in English whatever the machine's locale.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033

say() { printf 'cdc: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./cdc VERB [ARGS…]

Launcher verbs:
  test            install missing test prerequisites, build, run every test project,
                  end with "N passed, N failed"
  bench [ARGS…]   run the benchmarks (bench/Cdc.Bench) with ARGS
  help            this text

Program verbs (passed to the cdc program):
  inspect [--config FILE] [--set key=value]… FILE|-
                  map one change event (Extended JSON) and print the Kafka key/value it becomes
  sandbox [OPTIONS]
                  local MongoDB, Kafka and Schema Registry stand-ins; prints their endpoints
  demo [--duration SECONDS] [--rate N] [--json] [--keep] [--typed]
                  try it: local MongoDB, Kafka and Schema Registry, the connector, a shop
                  workload and a consumer decoding the records, in a live view (Ctrl-C stops)
  run --config FILE [--set key=value]…
                  the connector (docs/connector.md)
  check --config FILE [--set key=value]… [--json] [--timeout SECONDS]
                  validate the configuration and check MongoDB, Kafka, the Schema Registry and the
                  checkpoint store: one PASS/WARN/FAIL line per check with the fix; exit 1 on a failure
  --version       print the version

The solution is rebuilt (Release) only when a source file changed.
EOF
}

# ---------------------------------------------------------------- build only when sources changed
# The fingerprint covers every file the build can see (tracked + untracked, not ignored) by content and by
# modification time: a touched file rebuilds, as MSBuild itself would judge it.
source_fingerprint() {
  cd "$ROOT"
  local -a roots=(src tests bench Cdc.sln Directory.Build.props Directory.Packages.props global.json .editorconfig)
  {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
      # Tracked and untracked-but-not-ignored files: exactly what a build can see.
      git ls-files -z --cached --others --exclude-standard -- "${roots[@]}"
    else
      find "${roots[@]}" -type f \( -path '*/bin/*' -o -path '*/obj/*' -o -path '*/node_modules/*' \) -prune -o -type f -print0 2>/dev/null
    fi
  } | sort -z -u | while IFS= read -r -d '' file; do
    # A tracked file deleted from the work tree is still listed by git; skip it (its absence changes the hash).
    [[ -f "$file" ]] && printf '%s\0' "$file"
  done | xargs -0 -r sh -c 'sha256sum "$@" && stat -c "%n %Y" "$@"' fingerprint | sha256sum | cut -d' ' -f1
}

ensure_built() {
  mkdir -p "$ARTIFACTS"
  local stamp="$ARTIFACTS/.build-stamp" log="$ARTIFACTS/build.log"
  # Two launchers at once (e.g. `./cdc test` and `./cdc inspect`) must not build over each other.
  exec 9>"$ARTIFACTS/.build.lock"
  flock 9
  local fingerprint
  fingerprint="$(source_fingerprint)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$fingerprint" && -f "$CDC_DLL" && -f "$BENCH_DLL" ]]; then
    exec 9>&-
    return 0
  fi
  if [[ ! -f "$CDC_DLL" ]]; then
    # Nothing built yet: compiling every project from scratch takes minutes. Say so, or the first `./cdc demo` looks
    # hung. Measured from a clean output folder (no bin/ or obj/, NuGet packages already cached) on a 2-core machine
    # shared with other builds: 6 min 15 s.
    say "first build (nothing built yet): compiling the solution (Release) takes about 6 min on a 2-core machine…"
  else
    say "sources changed; building (Release)…"
  fi
  rm -f "$stamp"
  if ! (cd "$ROOT" && dotnet build Cdc.sln -c Release -nologo -v quiet -clp:NoSummary </dev/null >"$log" 2>&1); then
    say "build FAILED:"
    # MSBuild repeats each diagnostic; show each once, without the project suffix noise.
    grep -E ': (error|warning) ' "$log" | sed -E 's/ \[[^]]*\.csproj\]$//' | awk '!seen[$0]++' >&2 || cat "$log" >&2
    say "full log: artifacts/build.log"
    exit 1
  fi
  printf '%s\n' "$fingerprint" >"$stamp"
  exec 9>&-
}

# ---------------------------------------------------------------- prerequisites
ensure_npm_peers() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    die "node and npm are needed (Node.js 20 or later): the tests check cdc's output with independent JavaScript implementations. Install Node.js 20 (e.g. apt-get install nodejs npm) and run again."
  fi
  local dir
  for dir in "$@"; do
    [[ -f "$ROOT/$dir/package.json" ]] || continue
    if [[ ! -d "$ROOT/$dir/node_modules" || "$ROOT/$dir/package.json" -nt "$ROOT/$dir/node_modules" ]]; then
      say "installing npm packages in $dir"
      local log="$ARTIFACTS/npm-$(basename "$dir").log"
      mkdir -p "$ARTIFACTS"
      if ! (cd "$ROOT/$dir" && npm install --no-audit --no-fund </dev/null >"$log" 2>&1); then
        tail -n 20 "$log" >&2
        die "npm install failed in $dir (full log: ${log#"$ROOT"/})"
      fi
      # npm leaves node_modules' time alone when nothing changed; mark it fresh so we do not reinstall each run.
      touch "$ROOT/$dir/node_modules"
    fi
  done
}

# The live view's tests drive a real headless browser: Debian's chromium (Playwright is pointed at it, since it cannot
# download its own browser here). Installed with apt when missing, as root or through passwordless sudo.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  local -a apt=(apt-get)
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo -n apt-get)
    else
      die "chromium is needed (the live view's tests run it headless) and this user cannot install it: run 'sudo apt-get install chromium' once, then run again."
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "chromium is needed (the live view's tests run it headless) and there is no apt-get here: install a chromium that answers to 'chromium' on PATH, then run again."
  say "installing chromium (apt) for the live view's browser tests"
  local log="$ARTIFACTS/apt-chromium.log"
  mkdir -p "$ARTIFACTS"
  if ! { DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends chromium </dev/null >"$log" 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update </dev/null >>"$log" 2>&1 \
           && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends chromium </dev/null >>"$log" 2>&1; }; }; then
    tail -n 20 "$log" >&2
    die "apt-get could not install chromium (full log: ${log#"$ROOT"/}); install it, then run again."
  fi
}

# ---------------------------------------------------------------- test
# Reads TRX files, prints each failure (name + message) and one line per test assembly to stderr,
# then "passed failed skipped" on stdout.
summarise_trx() {
  awk '
    function attr(text, name,    m) {
      if (match(text, name "=\"[^\"]*\"")) { m = substr(text, RSTART + length(name) + 2, RLENGTH - length(name) - 3); return m }
      return ""
    }
    function unescape(s) {
      gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
      gsub(/&#xD;/, "", s); gsub(/&#xA;/, "\n", s); gsub(/&amp;/, "\\&", s)
      return s
    }
    FNR == 1 { file = FILENAME }
    {
      # One record per <UnitTestResult …> element (RS below); the first record of a file is the header.
      if (FNR == 1) next
      # The last result of a file runs on into the test definitions; keep only the element itself.
      if ((end = index($0, "</UnitTestResult>")) > 0) $0 = substr($0, 1, end)
      else if ((end = index($0, "/>")) > 0) $0 = substr($0, 1, end)
      outcome = attr($0, "outcome")
      name = unescape(attr($0, "testName"))
      if (outcome == "Passed") { passed++; filePassed[file]++ }
      else if (outcome == "NotExecuted" || outcome == "Inconclusive" || outcome == "Pending") { skipped++; fileSkipped[file]++ }
      else {
        failed++; fileFailed[file]++
        message = ""
        if (match($0, /<Message>[^<]*<\/Message>/)) message = unescape(substr($0, RSTART + 9, RLENGTH - 19))
        n = split(message, lines, "\n")
        printf "FAILED %s (%s)\n", name, outcome > "/dev/stderr"
        for (i = 1; i <= n && i <= 12; i++) if (lines[i] != "") printf "    %s\n", lines[i] > "/dev/stderr"
        if (n > 12) printf "    … (%d more lines in %s)\n", n - 12, file > "/dev/stderr"
      }
    }
    END { printf "%d %d %d\n", passed + 0, failed + 0, skipped + 0 }
  ' RS='<UnitTestResult ' "$@"
}

run_tests() {
  ensure_npm_peers "${NPM_DIRS[@]}"
  ensure_chromium
  ensure_built

  local results="$ARTIFACTS/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  local status=0
  say "running tests…"
  (cd "$ROOT" && dotnet test Cdc.sln -c Release --no-build --nologo --logger trx --results-directory "$results" </dev/null >"$results/console.log" 2>&1) || status=$?

  # Counts come from dotnet test's one summary line per test assembly (it is printed even when the
  # TRX files of two assemblies finishing in the same second race for a name); failure details from the TRX files.
  local -a summaries=()
  mapfile -t summaries < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+' "$results/console.log" || true)
  local passed=0 failed=0 skipped=0 line p f s name
  for line in "${summaries[@]}"; do
    f="$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")"
    p="$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")"
    s="$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$line")"
    name="$(sed -E 's/.* - ([^ ]+)\.dll .*/\1/' <<<"$line")"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    printf '  %-28s %d passed, %d failed%s\n' "$name" "$p" "$f" "$( ((s > 0)) && printf ', %d skipped' "$s")" >&2
  done

  local -a trx_files=()
  mapfile -t trx_files < <(find "$results" -maxdepth 1 -name '*.trx' | sort)
  if ((failed > 0)) && ((${#trx_files[@]} > 0)); then
    summarise_trx "${trx_files[@]}" >/dev/null
  fi

  local expected
  # Test projects in the solution: each must report a summary line, or the run did not complete.
  expected=0
  local project
  while IFS= read -r project; do
    grep -q -E '<IsTestProject>true</IsTestProject>|Microsoft\.NET\.Test\.Sdk' "$ROOT/$project" 2>/dev/null && expected=$((expected + 1))
  done < <(cd "$ROOT" && dotnet sln Cdc.sln list 2>/dev/null | tr '\\' / | grep -E '\.csproj$' || true)
  if grep -q -E '^The active test run was aborted|^Test Run Aborted' "$results/console.log"; then
    # A crashed test host ends its assembly early: the tests after the crash never ran, yet its summary line
    # counts only those that did. Say so, with the reason, rather than let the counts look like a small failure.
    say "a test host crashed, so the tests after the crash did not run; the reason:"
    grep -A 12 -E '^The active test run was aborted' "$results/console.log" | grep -v -E '^\s*$' | head -n 12 >&2 || true
    status=1
  fi
  if [[ $status -ne 0 && $failed -eq 0 ]] || ((${#summaries[@]} < expected)); then
    # The run broke without reporting a failed test (a crashed test host, a missing assembly…): say so loudly.
    say "the test run did not complete normally (dotnet test exit $status; ${#summaries[@]} of $expected test projects reported). Last output:"
    grep -v -E '^\s*$' "$results/console.log" | tail -n 25 >&2 || true
    status=1
  fi

  if [[ $skipped -gt 0 ]]; then
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  else
    printf '%d passed, %d failed\n' "$passed" "$failed"
  fi
  [[ $status -eq 0 && $failed -eq 0 ]]
}

# ---------------------------------------------------------------- dispatch
verb="${1:-help}"
case "$verb" in
  help | --help | -h)
    usage
    ;;
  test)
    shift
    [[ $# -eq 0 ]] || die "\`./cdc test\` takes no arguments (use dotnet test directly to filter)."
    run_tests
    ;;
  bench)
    shift
    ensure_npm_peers bench/peer
    ensure_built
    exec dotnet "$BENCH_DLL" "$@"
    ;;
  *)
    ensure_built
    exec dotnet "$CDC_DLL" "$@"
    ;;
esac
