// Prints one free loopback TCP port.
const server = require('net').createServer();
server.listen(0, '127.0.0.1', () => { console.log(server.address().port); server.close(); });
