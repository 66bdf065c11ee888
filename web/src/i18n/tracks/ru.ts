/** Russian strings of a workout's GPS route; the same keys as en.ts. */
const ru = {
  route: {
    title: 'Маршрут',
    drawing: 'Маршрут по {{count}} точкам',
    start: 'Старт',
    finish: 'Финиш',
    distance: 'Дистанция',
    duration: 'Время в пути',
    pace: 'Темп',
    speed: 'Скорость',
    elevation: 'Набор высоты',
    paceValue: '{{value}} /км',
    paceValueMi: '{{value}} /миля',
    speedValue: '{{value}} км/ч',
    speedValueMi: '{{value}} миль/ч',
    metres: '{{value}} м',
    feet: '{{value}} фут.',
    download: 'Скачать GPX',
  },
};

export default ru;
