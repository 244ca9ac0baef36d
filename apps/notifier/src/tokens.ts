export const NOTIFIER_DB = Symbol('NotifierDb');
