# bash completion for fu-churn
_fu_churn()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-e|--events|-P|--params|-w|--weights|--holdout-table|--fit-summary|--rejects)
		COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	--plot)
		COMPREPLY=($(compgen -f -X '!*.svg' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	-u|--unit)
		COMPREPLY=($(compgen -W 'day week month' -- "$cur"))
		return ;;
	-p|--period|-H|--horizon)
		COMPREPLY=($(compgen -W '30d 90d 180d 26w 52w' -- "$cur"))
		return ;;
	-n|--now|-d|--discount|--holdout)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--events --now --period --horizon --unit --discount
			--params --refit --weights --holdout --holdout-table --plot --summary --fit-summary --excel-safe
			--rejects --itsv --ojsonl --progress --no-progress --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _fu_churn fu-churn
