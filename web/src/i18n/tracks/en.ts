/**
 * English strings of a workout's GPS route (the route card of the workout page). Loaded with
 * that card (see ./index.ts); ru.ts has the same keys (i18n.test.ts).
 */
const en = {
  route: {
    title: 'Route',
    drawing: 'The route, drawn from its {{count}} points',
    start: 'Start',
    finish: 'Finish',
    distance: 'Distance',
    duration: 'Moving time',
    pace: 'Pace',
    speed: 'Speed',
    elevation: 'Climb',
    paceValue: '{{value}} /km',
    paceValueMi: '{{value}} /mi',
    speedValue: '{{value}} km/h',
    speedValueMi: '{{value}} mph',
    metres: '{{value}} m',
    feet: '{{value}} ft',
    download: 'Download GPX',
  },
};

export default en;
