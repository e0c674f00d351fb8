# bash completion for fu-render
_fu_render()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-t|--templates|--print-templates)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-f|--format)
		COMPREPLY=($(compgen -W 'csv mbox maildir eml' -- "$cur")); return ;;
	--rejects)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--template|--from|-n|--now|--group-by|--unsubscribe|--referral-url)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--templates --print-templates --template --format
			--from --now --group-by --unsubscribe --referral-url --check --strict
			--lenient --rejects
			--excel-safe --itsv --ojsonl --progress --no-progress --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _fu_render fu-render
