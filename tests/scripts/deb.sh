#!/bin/sh
# make deb: the package builds, lintian finds no error (make deb fails on
# one), Depends names the shared libraries the programs link, and every
# program runs from a temporary root the package is unpacked into.
set -eu
make -s -C "$SRCDIR" deb DEBDIR="$PWD" >build.log 2>&1 || { cat build.log; exit 1; }
deb=$(ls fu_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libcsv3 libpcre2-8-0; do
	case $depends in *"$lib "*|*"$lib,"*|*"$lib") ;; *) echo "Depends lacks $lib: $depends"; exit 1 ;; esac
done
# a program linking nlopt (fu-churn's fit) makes the package need it
if objdump -p "$SRCDIR"/fu-* | grep -q 'NEEDED.*libnlopt'; then
	case $depends in *libnlopt0*) ;; *) echo "Depends lacks libnlopt0: $depends"; exit 1 ;; esac
fi
dpkg -x "$deb" root
version=$(sed -n 's/^#define FU_VERSION "\(.*\)"/\1/p' "$SRCDIR/src/fu.h")
n=0
for src in "$SRCDIR"/src/fu-*.c; do
	p=$(basename "$src" .c)
	out=$(root/usr/bin/"$p" --version)
	[ "$out" = "$p (fu) $version" ] || { echo "$p --version from the package: '$out'"; exit 1; }
	[ -f "root/usr/share/man/man1/$p.1.gz" ] || { echo "no man page for $p in the package"; exit 1; }
	n=$((n + 1))
done
[ "$n" -ge 3 ]
[ -f root/usr/share/doc/fu/copyright ] && [ -f root/usr/share/man/man7/fu.7.gz ]
