/**
 * English strings of feedback (a member's ideas and bug reports) and of setting a password with
 * a one-time link. Loaded with those screens (see ./index.ts); ru.ts has the same keys.
 */
const en = {
  resetPassword: {
    title: 'Set your password',
    intro: 'Choose the password you will sign in with.',
    password: 'New password',
    confirm: 'Repeat the password',
    submit: 'Set password',
    mismatch: 'The two passwords differ.',
    done: 'Password changed. You can sign in with it now.',
    signIn: 'Sign in',
    askAgain: 'Ask an administrator of the gym for a new link.',
  },
  feedback: {
    title: 'Feedback',
    sendTitle: 'Send feedback',
    intro: 'Tell the gym’s administrators what would make the app better, or what does not work.',
    kindLegend: 'What is it?',
    kind: { idea: 'Idea', bug: 'Bug report' },
    kindDescription: {
      idea: 'Something new, or something that could work better.',
      bug: 'Something does not work as it should.',
    },
    messageIdea: 'Your idea',
    messageBug: 'What happened, and what did you expect?',
    count: '{{count}} of {{max}} characters',
    messageNeeded: 'Write a few words first.',
    messageInvalid: 'Use at most {{max}} characters.',
    includeScreen: 'Include the screen I’m on',
    send: 'Send',
    sentIdea: 'Thank you! Your idea was sent. The answer shows up below and in your notifications.',
    sentBug: 'Thank you! Your bug report was sent. The answer shows up below and in your notifications.',
    sendAnother: 'Send more feedback',
    mine: 'My feedback',
    empty: 'You have not sent any feedback yet.',
    screen: 'Screen: {{screen}}',
    answered: 'The gym’s answer',
    answeredOn: 'The gym’s answer, {{date}}',
    noAnswer: 'No answer yet.',
    status: { new: 'New', planned: 'Planned', done: 'Done' },
  },
};

export default en;
