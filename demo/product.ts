// The page's own buttons drive the widget through the command API.
declare const Earful: (command: string, ...args: unknown[]) => unknown;
document.getElementById('ask')!.addEventListener('click', () => Earful('open'));
document.getElementById('nps')!.addEventListener('click', () => Earful('nps'));
