/**
 * English strings of the logger's exercise notes and supersets, the exercise page's steps and
 * body diagram, and assigning a plan over another. Loaded with those screens (see ./index.ts);
 * ru.ts has the same keys (i18n.test.ts).
 */
const en = {
  exerciseNote: {
    add: 'Add note',
    edit: 'Edit note',
    label: 'Note for {{exercise}}',
    hint: 'Seat height, grip, how it felt — up to {{max}} characters.',
    left_one: '{{count}} character left',
    left_other: '{{count}} characters left',
    save: 'Save note',
    remove: 'Remove note',
    shown: 'Note:',
  },
  adhocSuperset: {
    with: 'Superset with…',
    remove: 'Remove from superset',
    chooseTitle: 'Superset {{exercise}} with',
    intro: 'One set of each in turn, with the rest after the round.',
    inGroup: '(superset {{label}})',
    none: 'Add another exercise to the workout first.',
    tooMany: 'A workout holds at most {{max}} supersets.',
  },
  exerciseInfo: {
    stepsIn: {
      en: 'Shown in English: there are no steps in Russian yet.',
      ru: 'Shown in Russian: there are no steps in English yet.',
    },
    diagram: {
      title: 'Muscles worked',
      front: 'Front',
      back: 'Back',
      primary: 'Main',
      secondary: 'Also working',
      label: 'Body diagram. Main muscles: {{primary}}.',
      labelBoth: 'Body diagram. Main muscles: {{primary}}. Also working: {{secondary}}.',
    },
  },
  assignSwitch: {
    title: '{{who}} already follows a plan',
    titleSelf: 'You already follow a plan',
    week: '{{who}} already follows “{{plan}}” (week {{week}} of {{weeks}}). Assign “{{next}}” instead?',
    days: '{{who}} already follows “{{plan}}” ({{done}} of {{total}} days done). Assign “{{next}}” instead?',
    weekSelf: 'You already follow “{{plan}}” (week {{week}} of {{weeks}}). Assign “{{next}}” instead?',
    daysSelf: 'You already follow “{{plan}}” ({{done}} of {{total}} days done). Assign “{{next}}” instead?',
    sameWeek: '{{who}} already follows this plan (week {{week}} of {{weeks}}). Start it over from the new start date?',
    sameDays: '{{who}} already follows this plan ({{done}} of {{total}} days done). Start it over from the new start date?',
    sameWeekSelf: 'You already follow this plan (week {{week}} of {{weeks}}). Start it over from the new start date?',
    sameDaysSelf: 'You already follow this plan ({{done}} of {{total}} days done). Start it over from the new start date?',
    after: 'The new plan takes its place on the Today card from its start date; “{{plan}}” stays assigned until someone ends it.',
    confirm: 'Assign instead',
    confirmSame: 'Start over',
  },
};

export default en;
