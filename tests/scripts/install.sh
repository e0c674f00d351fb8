# make install / uninstall honour DESTDIR and PREFIX, and install programs,
# man pages and completions.
set -eu
dest=$PWD/root
make -s -C "$SRCDIR" install DESTDIR="$dest" PREFIX=/opt/fu >/dev/null
for p in "$SRCDIR"/src/fu-*.c; do
	[ -f "$p" ] || continue
	p=$(basename "$p" .c)
	test -x "$dest/opt/fu/bin/$p" || { echo "no $p"; exit 1; }
	test -f "$dest/opt/fu/share/man/man1/$p.1" || { echo "no $p.1"; exit 1; }
	test -f "$dest/opt/fu/share/bash-completion/completions/$p" || { echo "no bash completion for $p"; exit 1; }
	test -f "$dest/opt/fu/share/zsh/vendor-completions/_$p" || { echo "no zsh completion for $p"; exit 1; }
	test -f "$dest/opt/fu/share/fish/vendor_completions.d/$p.fish" || { echo "no fish completion for $p"; exit 1; }
done
test -f "$dest/opt/fu/share/man/man7/fu.7" || { echo "no fu.7"; exit 1; }
make -s -C "$SRCDIR" uninstall DESTDIR="$dest" PREFIX=/opt/fu >/dev/null
left=$(find "$dest" -type f | wc -l)
[ "$left" = 0 ] || { echo "uninstall left $left files:"; find "$dest" -type f; exit 1; }
