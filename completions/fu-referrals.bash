# bash completion for fu-referrals
_fu_referrals()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-e|--events|--rejects)
		COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	-a|--attribution)
		COMPREPLY=($(compgen -W 'earliest last' -- "$cur"))
		return ;;
	-p|--perk)
		COMPREPLY=($(compgen -W "'10 per converted' '1:10,3:25,5:50'" -- "$cur"))
		return ;;
	--ask-step)
		COMPREPLY=($(compgen -W 'referral-ask' -- "$cur"))
		return ;;
	-n|--now|-w|--window|-d|--depth|--decay|--reward-item|--cooldown|--recent|--grace)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--events --now --attribution --perk --window --depth
			--decay --reward-item --candidates --cooldown --recent --ask-step --graph --grace
			--excel-safe --rejects --itsv --ojsonl --progress --no-progress --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _fu_referrals fu-referrals
