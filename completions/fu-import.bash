# bash completion for fu-import
_fu_import()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-k|--kind) COMPREPLY=($(compgen -W 'contacts events' -- "$cur")); return ;;
	-d|--delimiter) COMPREPLY=($(compgen -W ', ; tab |' -- "$cur")); return ;;
	-e|--encoding) COMPREPLY=($(compgen -W 'UTF-8 WINDOWS-1252 ISO-8859-1 MACINTOSH UTF-16LE UTF-16BE' -- "$cur")); return ;;
	-c|--country) COMPREPLY=($(compgen -W 'FI AX SE NO DK IS EE LV LT DE AT CH NL BE FR GB IE ES PT IT PL CZ HU RU US CA AU NZ' -- "$cur")); return ;;
	--currency) COMPREPLY=($(compgen -W 'EUR USD GBP SEK NOK DKK CAD AUD JPY CNY CHF' -- "$cur")); return ;;
	--date-order) COMPREPLY=($(compgen -W 'dmy mdy' -- "$cur")); return ;;
	-m|--map)
		COMPREPLY=($(compgen -W 'id= first_name= last_name= email= phone= company= owner= stage= segment= lang= formal= tz= created= unsubscribed= aliases= name= person= business_id= opt_out= opt_in= consent= contact_id= when= type= value= item= note=' -- "$cur"))
		compopt -o nospace 2>/dev/null; return ;;
	--order-status|--header-line) COMPREPLY=(); return ;;
	--memory) COMPREPLY=($(compgen -W '256M 512M 1G 2G 4G' -- "$cur")); return ;;
	--previous|--contacts|--opt-in-list) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-r|--rejects) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	case $cur in
	-*) COMPREPLY=($(compgen -W '--kind --delimiter --encoding --country --currency --date-order --header-line --map --order-status --no-merge --previous --opt-in-list --contacts --source-tz --memory --rejects --excel-safe --explain --itsv --ojsonl --progress --no-progress --help --version' -- "$cur")) ;;
	*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _fu_import fu-import
