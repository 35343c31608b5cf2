# Sourced by scripts/test (or run with bash): makes sure Samba's smbd is installed, for the SMB
# (Azure File Storage) connector tests, which start their own smbd on a free loopback port with
# a private configuration. Installs Debian's samba package when smbd is missing and we are root
# with apt-get; otherwise those tests are skipped, and this says so. Idempotent.
_samba_smbd() { command -v smbd 2>/dev/null || { [ -x /usr/sbin/smbd ] && echo /usr/sbin/smbd; }; }

if [ -z "$(_samba_smbd)" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "headwater tests: installing Samba from Debian's packages..." >&2
  (apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends samba) \
    >/dev/null 2>&1 || echo "headwater tests: installing Samba failed" >&2
fi
if [ -z "$(_samba_smbd)" ]; then
  echo "headwater tests: Samba (smbd) is not installed; the SMB tests are skipped" >&2
elif [ "$(id -u)" != 0 ]; then
  echo "headwater tests: the SMB tests need root (smbd switches users); they are skipped" >&2
fi
unset -f _samba_smbd
