# bash completion for fu-schedule
_fu_schedule()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-e|--events|-c|--cadence|--holidays|--rejects)
		COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	-f|--format)
		COMPREPLY=($(compgen -W 'csv ics' -- "$cur"))
		return ;;
	-s|--step)
		COMPREPLY=($(compgen -W 'thank-you check-in value second-sale referral-ask lead-new-1 lead-new-2 lead-new-3 lead-new-4 lead-new-5 lead-mid-1 lead-mid-2 lead-mid-3 lead-mid-4 lead-mid-5 lead-mid-6 lead-campaign-1 lead-campaign-2 lead-campaign-3 lead-campaign-4 lead-campaign-5' -- "$cur"))
		return ;;
	-w|--window)
		COMPREPLY=($(compgen -W '09:00-17:00 08:00-16:00' -- "$cur"))
		return ;;
	--weekend)
		COMPREPLY=($(compgen -W 'sat,sun fri,sat fri sun none' -- "$cur"))
		return ;;
	-n|--now|-H|--horizon|--interval|--max-per-owner|--max-per-contact|--complex|--alarm)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--events --cadence --print-cadence --now --due --interval --horizon
			--step --max-per-contact --max-per-owner --business-days --holidays --weekend --window --complex --format
			--alarm --previous --excel-safe --rejects --itsv --ojsonl --progress --no-progress --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _fu_schedule fu-schedule
