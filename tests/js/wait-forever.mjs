// Never finishes on its own: lets the tests check that NodeScript kills a script that overruns its time limit.
setInterval(() => {}, 1000);
