// Devices picked in the fleet list, offered as a deployment's target group.
export const selectedDevices = new Set();
